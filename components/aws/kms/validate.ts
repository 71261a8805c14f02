import type { EncryptionKeyArgs } from "./args";

const ALIAS = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;

/** Problems with a key's arguments, each naming the arg, the value and the fix. Empty when valid. */
export function validateEncryptionKeyArgs(name: string, args: EncryptionKeyArgs): string[] {
  const problems: string[] = [];
  if (!ALIAS.test(args.aliasName) || args.aliasName.startsWith("alias/aws/")) {
    problems.push(
      `EncryptionKey ${name}: aliasName "${args.aliasName}" is not a customer alias. Fix: use alias/<name> with letters, digits, /, _ and - (alias/aws/ is reserved for AWS)`,
    );
  }
  if (args.users.length === 0) {
    problems.push(
      `EncryptionKey ${name}: users is empty, so nothing could use the key. Fix: grant its service or role at least one statement`,
    );
  }
  const sids = args.users.map((u) => u.sid);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i || sid === "KeyAdministration");
  if (duplicate !== undefined) {
    problems.push(
      `EncryptionKey ${name}: statement id "${duplicate}" is used twice. Fix: give every user statement its own sid`,
    );
  }
  for (const user of args.users) {
    const adminOnly = user.actions.filter(
      (a) => a === "kms:PutKeyPolicy" || a === "kms:ScheduleKeyDeletion" || a === "kms:*",
    );
    if (adminOnly.length > 0) {
      problems.push(
        `EncryptionKey ${name}: user statement "${user.sid}" grants ${adminOnly.join(", ")}. Fix: users only use the key; administration belongs to administrators`,
      );
    }
  }
  return problems;
}

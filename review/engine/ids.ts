import { createHash } from "crypto";

/**
 * Deterministic stand-ins for the random parts of cloud identifiers: the same URN always gets
 * the same id, so two reviews of the same program produce identical reports.
 */
export function digest(seed: string, salt = ""): Buffer {
  return createHash("sha256").update(`${salt}\u0000${seed}`).digest();
}

export function hex(seed: string, length: number, salt = ""): string {
  let out = "";
  for (let i = 0; out.length < length; i++) {
    out += digest(seed, `${salt}${i}`).toString("hex");
  }
  return out.slice(0, length);
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

export function alnum(seed: string, length: number, salt = ""): string {
  const bytes = digest(seed, `alnum${salt}`);
  let out = "";
  for (let i = 0; i < length; i++) {
    out += LOWER_ALNUM[bytes[i % bytes.length]! % LOWER_ALNUM.length];
  }
  return out;
}

export function uuid(seed: string, salt = ""): string {
  const h = hex(seed, 32, `uuid${salt}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Printable password-like text, as @pulumi/random would produce (never reused across URNs). */
export function secretText(seed: string, length: number, special: boolean): string {
  const alphabet = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789${special ? "!#$%&*()-_=+[]{}<>:?" : ""}`;
  const bytes = Buffer.concat(
    Array.from({ length: Math.ceil(length / 32) + 1 }, (_, i) => digest(seed, `pw${i}`)),
  );
  let out = "";
  for (let i = 0; i < length; i++) {
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

export function bytesOf(seed: string, count: number): Buffer {
  return Buffer.concat(
    Array.from({ length: Math.ceil(count / 32) }, (_, i) => digest(seed, `bytes${i}`)),
  ).subarray(0, count);
}

/**
 * Resources a program reads by id (`Resource.get`), answered with what the id itself says and
 * nothing more: the review cannot see the account, so it never invents a read resource's
 * settings. A program that checks them must treat an absent field as unknown (the real engine
 * returns every field).
 */
type ReadAnswer = (id: string) => Record<string, unknown>;

export const READS: Readonly<Partial<Record<string, ReadAnswer>>> = {
  // `arn:<partition>:cloudtrail:<home region>:<account>:trail/<name>` (an organisation trail).
  "aws:cloudtrail/trail:Trail": (id) => {
    const m = /^arn:[^:]+:cloudtrail:([^:]+):\d{12}:trail\/(.+)$/.exec(id);
    return m ? { arn: id, name: m[2], homeRegion: m[1] } : { name: id };
  },
};

/** The state of a read resource: the answer for its type, or undefined to compute it as usual. */
export function answerRead(
  type: string,
  id: string | undefined,
): Record<string, unknown> | undefined {
  const answer = READS[type];
  return answer && id ? { id, ...answer(id) } : undefined;
}

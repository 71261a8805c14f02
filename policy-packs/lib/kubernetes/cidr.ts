/** True for a CIDR whose prefix length is 0 (`0.0.0.0/0`, `::/0`): the whole address space. */
export function isWholeAddressSpace(cidr: string): boolean {
  const m = /^\s*[^/\s]+\/0*(\d+)\s*$/.exec(cidr);
  return m !== null && Number(m[1]) === 0;
}

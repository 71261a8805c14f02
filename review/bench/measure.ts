import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** One timed run of the reviewer, as a user would start it. */
export interface Run {
  /** Wall clock, seconds, from spawn to exit. */
  readonly seconds: number;
  /** Peak resident set of the largest process of the run (the reviewer or a pack it started), MiB. */
  readonly peakMiB: number;
  readonly exitCode: number;
}

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "review/cli.ts");
const SAMPLE_MS = 50;

/** Runs `npm run review -- <args>` (without npm's own start-up) and measures it. */
export async function runReview(args: readonly string[]): Promise<Run> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ["--require", "tsx/cjs", CLI, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const peaks = new Map<number, number>();
  const timer = setInterval(() => sampleTree(child.pid!, peaks), SAMPLE_MS);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (exitCode === 2) {
    throw new Error(`review ${args.join(" ")} exited 2:\n${stderr.trim()}`);
  }
  const peakKiB = Math.max(0, ...peaks.values());
  return { seconds, peakMiB: peakKiB / 1024, exitCode };
}

/**
 * Records each process's high-water mark (VmHWM, which only grows) for the child and every
 * descendant: the packs the reviewer starts as their own processes are measured too.
 */
function sampleTree(root: number, peaks: Map<number, number>): void {
  for (const pid of descendants(root)) {
    const hwm = readHighWaterKiB(pid);
    if (hwm !== undefined) {
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, hwm));
    }
  }
}

function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const ppid = readParent(Number(entry));
    if (ppid === undefined) {
      continue;
    }
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return found;
}

function readParent(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // the process ended between the listing and the read
  }
}

function readHighWaterKiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

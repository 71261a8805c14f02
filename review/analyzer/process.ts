import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** A policy pack running in its own process, as the Pulumi CLI runs it, serving the analyzer protocol. */
export interface PackProcess {
  readonly directory: string;
  readonly address: string;
  /** The pack's process id. */
  readonly pid: number;
  stop(): void;
}

export class PackStartError extends Error {
  constructor(
    readonly directory: string,
    message: string,
  ) {
    super(message);
    this.name = "PackStartError";
  }
}

export interface StartOptions {
  readonly timeoutMs?: number;
}

/**
 * Starts `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> <pack>` in the pack's folder with the
 * pack's own @pulumi/pulumi, exactly as the CLI's policy analyzer plugin does, and waits for the
 * port it prints. The engine address is a dummy: packs do not call back into the engine.
 */
export function startPack(directory: string, options: StartOptions = {}): Promise<PackProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dir = path.resolve(directory);
  if (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
    return Promise.reject(
      new PackStartError(dir, `${dir} is not a policy pack: it has no PulumiPolicy.yaml.`),
    );
  }
  let args: string[];
  try {
    args = [
      require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] }),
      "127.0.0.1:1",
      ".",
    ];
  } catch {
    return Promise.reject(
      new PackStartError(
        dir,
        `the pack in ${dir} cannot resolve @pulumi/pulumi; install its dependencies (npm ci) first.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PULUMI_POLICY_PACK_DIRECTORY: dir },
    });
    let stdout = "";
    let stderr = "";
    let settled = false;
    const fail = (message: string) => {
      if (!settled) {
        settled = true;
        child.kill("SIGKILL");
        reject(new PackStartError(dir, message));
      }
    };
    const timer = setTimeout(
      () => fail(`the pack in ${dir} did not start within ${timeoutMs / 1000} s. ${stderr.trim()}`),
      timeoutMs,
    );
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      const port = /^\s*(\d+)\s*$/m.exec(stdout)?.[1];
      if (port && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({
          directory: dir,
          address: `127.0.0.1:${port}`,
          pid: child.pid ?? 0,
          stop: () => child.kill("SIGTERM"),
        });
      }
    });
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => fail(`the pack in ${dir} could not be started: ${e.message}`));
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(
        `the pack in ${dir} exited with code ${code} before serving: ${(stderr || stdout).trim().slice(-3000)}`,
      );
    });
  });
}

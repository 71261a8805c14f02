import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { connect } from "node:net";
import type { TLSSocket } from "node:tls";
import { userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIFFGRAM_TLS_PORT, FRONTEND_NGINX_CONF } from "../../components/app/diffgram/frontend";
import {
  asUser,
  freePort,
  makePki,
  requirePackages,
  scratch,
  type TestPki,
} from "../helpers/daemons";

/**
 * The frontend's generated nginx.conf (the ConfigMap's text) run by a real nginx (Debian's 1.22)
 * as an unprivileged user. The only changes are the pod's mount points, mapped to local folders,
 * and the port; the test counts each so nothing else can drift.
 */
const available = requirePackages("real nginx (test/daemons/nginx.test.ts)", {
  nginx: "/usr/sbin/nginx",
  "nginx mime.types": "/etc/nginx/mime.types",
});
const USER = "www-data";
/** Who nginx runs as: www-data when the tests run as root, else the tests' own user. */
const RUNS_AS = process.getuid?.() === 0 ? USER : userInfo().username;

let dir = "";
let pki: TestPki;
let port = 0;
let conf = "";
let server: ChildProcess | undefined;

/** The pod's paths → local folders; each must occur in the generated text. */
function localise(text: string, p: number): string {
  const mapping: [string, string][] = [
    [`listen ${DIFFGRAM_TLS_PORT} ssl;`, `listen 127.0.0.1:${p} ssl;`],
    ["/etc/enclave/tls/", `${dir}/tls/`],
    ["/usr/share/nginx/html", `${dir}/html`],
    ["/tmp/", `${dir}/tmp/`],
  ];
  // Through placeholders first: the local folders themselves sit under /tmp/.
  let out = text;
  mapping.forEach(([from], i) => {
    expect(out.includes(from), from).toBe(true);
    out = out.split(from).join(`\u0000${i}\u0000`);
  });
  mapping.forEach(([, to], i) => {
    out = out.split(`\u0000${i}\u0000`).join(to);
  });
  return out;
}

function get(
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string; protocol: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "localhost", port, path, ca: readFileSync(pki.caCert), servername: "localhost" },
      (res) => {
        const protocol = (res.socket as TLSSocket).getProtocol() ?? "";
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            protocol,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function waitForPort(p: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(p, "127.0.0.1", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) {
      return;
    }
    if (Date.now() > until) {
      throw new Error(`nginx did not listen on ${p}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(available)("the frontend's nginx.conf on a real nginx", () => {
  let check: { status: number | null; output: string };

  beforeAll(async () => {
    dir = scratch("enclave-nginx-", USER);
    mkdirSync(join(dir, "tls"));
    mkdirSync(join(dir, "html"));
    mkdirSync(join(dir, "tmp"));
    pki = makePki(join(dir, "tls"));
    // cert-manager's Secret keys, as the pod mounts them.
    writeFileSync(join(dir, "tls", "tls.crt"), readFileSync(pki.serverCert));
    writeFileSync(join(dir, "tls", "tls.key"), readFileSync(pki.serverKey), { mode: 0o644 });
    writeFileSync(join(dir, "html", "index.html"), "<!doctype html><title>diffgram</title>");
    spawnSync("chown", ["-R", `${USER}:${USER}`, dir]);
    port = await freePort();
    conf = join(dir, "nginx.conf");
    writeFileSync(conf, localise(FRONTEND_NGINX_CONF, port));
    writeFileSync(join(dir, "nginx.out"), "");
    spawnSync("chown", [`${USER}:${USER}`, join(dir, "nginx.out")]);
    // Files, as a container runtime gives: nginx opens /dev/stderr, which a socket pair refuses.
    const [command, args] = asUser(USER, "/usr/sbin/nginx", ["-t", "-c", conf, "-p", dir]);
    const checkOutput = openSync(join(dir, "nginx.out"), "a");
    check = {
      status: spawnSync(command, args, { stdio: ["ignore", checkOutput, checkOutput] }).status,
      output: readFileSync(join(dir, "nginx.out"), "utf8"),
    };
    closeSync(checkOutput);
    const [run, runArgs] = asUser(USER, "/usr/sbin/nginx", [
      "-c",
      conf,
      "-p",
      dir,
      "-g",
      "daemon off;",
    ]);
    const output = openSync(join(dir, "nginx.out"), "a");
    server = spawn(run, runArgs, { stdio: ["ignore", output, output] });
    closeSync(output);
    try {
      await waitForPort(port, 15_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${readFileSync(join(dir, "nginx.out"), "utf8")}`);
    }
  }, 60_000);

  afterAll(() => {
    server?.kill("SIGTERM");
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("passes nginx -t", () => {
    expect(check.status, check.output).toBe(0);
    expect(check.output).toContain("test is successful");
  });

  it("answers the probes' /healthz over TLS on its port, as the unprivileged user", async () => {
    const res = await get("/healthz");
    expect([res.status, res.body]).toEqual([200, "ok"]);
    expect(["TLSv1.2", "TLSv1.3"]).toContain(res.protocol);
    // Our nginx only (master and workers, below the process we started), never a system one.
    const table = spawnSync("ps", ["-e", "-o", "pid=,ppid=,user=,comm="], { encoding: "utf8" })
      .stdout.trim()
      .split("\n")
      .map((l) => l.trim().split(/\s+/));
    const tree = new Set([String(server!.pid)]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of table) {
        if (tree.has(ppid!) && !tree.has(pid!)) {
          tree.add(pid!);
          grew = true;
        }
      }
    }
    const nginx = table.filter(([pid, , , comm]) => tree.has(pid!) && comm === "nginx");
    expect(nginx.length).toBeGreaterThanOrEqual(3); // the master and two workers
    expect(nginx.map(([, , user]) => user)).toEqual(nginx.map(() => RUNS_AS));
  });

  it("serves the app, with its client-side routes falling back to index.html", async () => {
    const res = await get("/projects/42/annotate");
    expect(res.status).toBe(200);
    expect(res.body).toContain("<title>diffgram</title>");
  });

  it("names no version in the Server header", async () => {
    const res = await get("/healthz");
    expect(res.headers.server).toBe("nginx");
  });

  it("refuses plain HTTP on the TLS port", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("GET / HTTP/1.0\r\n\r\n"));
      let text = "";
      socket.on("data", (d: Buffer) => (text += d.toString()));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("The plain HTTP request was sent to HTTPS port");
  });
});

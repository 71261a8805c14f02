import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Real daemons for the tests (Debian 12's packages; `.ci/run` installs them). On a developer's
 * machine without them a suite is skipped with a loud message; in CI (`CI` set) a missing package
 * fails the suite instead, so a green CI run always means the daemons ran.
 */
export function requirePackages(suite: string, paths: Record<string, string>): boolean {
  const missing = Object.entries(paths).filter(([, p]) => !existsSync(p));
  if (missing.length === 0) {
    return true;
  }
  const list = missing.map(([pkg, p]) => `${pkg} (${p})`).join(", ");
  if (process.env.CI) {
    throw new Error(`${suite}: missing ${list}; .ci/run installs them with apt-get.`);
  }
  console.warn(
    `\n*** ${suite} SKIPPED: missing ${list}.\n*** Install: apt-get install postgresql-15 postgresql-15-pgaudit python3-psycopg2 rabbitmq-server nginx libnginx-mod-stream\n`,
  );
  return false;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Daemons that refuse to run as root (PostgreSQL) run as this system user when we are root. */
export function asUser(user: string, command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ["runuser", ["-u", user, "--", command, ...args]]
    : [command, args];
}

/** Hands `paths` to the system user `owner` when the tests run as root (no-op otherwise). */
function giveTo(owner: string | undefined, paths: string[]): void {
  if (!owner || process.getuid?.() !== 0) {
    return;
  }
  const uid = Number(execFileSync("id", ["-u", owner]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", owner]).toString().trim());
  paths.forEach((p) => chownSync(p, uid, gid));
}

/** A scratch folder the daemon's user owns (when we are root), removed by the caller. */
export function scratch(prefix: string, owner?: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  giveTo(owner, [dir]);
  return dir;
}

export interface TestPki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

export interface PkiOptions {
  /** The server's key: EC P-256 (default) or RSA of this many bits, as the kit's Certificate says. */
  readonly serverRsaBits?: number;
  /** DNS names of the server certificate besides localhost (the kit's in-cluster names). */
  readonly serverNames?: readonly string[];
}

/**
 * A throw-away CA and a server certificate for `localhost`/127.0.0.1 (and a client certificate),
 * made with the openssl CLI; the key files are readable by `owner` only.
 */
export function makePki(
  dir: string,
  owner?: string,
  clientName = "client",
  options: PkiOptions = {},
): TestPki {
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => {
    const run = spawnSync("openssl", args, { encoding: "utf8" });
    if (run.status !== 0) {
      throw new Error(`openssl ${args.join(" ")}: ${run.stderr}`);
    }
  };
  openssl(
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    f("ca.key"),
    "-out",
    f("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=enclave test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
  const leaf = (name: string, subject: string, ext: string, key = ec) => {
    openssl(
      "req",
      ...key,
      "-nodes",
      "-keyout",
      f(`${name}.key`),
      "-out",
      f(`${name}.csr`),
      "-subj",
      subject,
    );
    writeFileSync(f(`${name}.ext`), ext);
    openssl(
      "x509",
      "-req",
      "-in",
      f(`${name}.csr`),
      "-CA",
      f("ca.pem"),
      "-CAkey",
      f("ca.key"),
      "-CAcreateserial",
      "-out",
      f(`${name}.pem`),
      "-days",
      "2",
      "-extfile",
      f(`${name}.ext`),
    );
  };
  const names = ["localhost", ...(options.serverNames ?? [])].map((n) => `DNS:${n}`).join(",");
  leaf(
    "server",
    "/CN=localhost",
    `subjectAltName=${names},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n`,
    options.serverRsaBits ? ["-newkey", `rsa:${options.serverRsaBits}`] : ec,
  );
  leaf("client", `/CN=${clientName}`, "extendedKeyUsage=clientAuth\n");
  for (const key of ["server.key", "client.key", "ca.key"]) {
    chmodSync(f(key), 0o600);
  }
  giveTo(
    owner,
    ["server.key", "server.pem", "ca.pem"].map((file) => f(file)),
  );
  return {
    caCert: f("ca.pem"),
    serverCert: f("server.pem"),
    serverKey: f("server.key"),
    clientCert: f("client.pem"),
    clientKey: f("client.key"),
  };
}

import { spawnSync } from "node:child_process";
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARAMETERS } from "../../components/aws/database/defaults";
import * as h from "../helpers/app-layer";
import {
  asUser,
  freePort,
  makePki,
  requirePackages,
  scratch,
  type TestPki,
} from "../helpers/daemons";

/**
 * The database bootstrap against a real PostgreSQL 15 (Debian's), run as its Job would run it: the
 * Job, its ConfigMaps and Secrets are rendered by the kit under the mock engine, and the container's
 * command, environment and mounts are reproduced here. The server runs with the kit's own
 * parameter group values (log_statement=ddl, connection logging, SCRAM), pgaudit preloaded and TLS
 * only, with a non-superuser administrator that has CREATEROLE and CREATEDB, as on RDS.
 */
const BIN = "/usr/lib/postgresql/15/bin";
const PYTHON = "/usr/bin/python3";
const available = requirePackages("real PostgreSQL (test/daemons/postgresql.test.ts)", {
  "postgresql-15": `${BIN}/postgres`,
  "postgresql-15-pgaudit": "/usr/lib/postgresql/15/lib/pgaudit.so",
  "python3-psycopg2": "/usr/lib/python3/dist-packages/psycopg2/__init__.py",
});

const password = () => randomBytes(36).toString("base64url");
const SUPERUSER_PASSWORD = password();
const ADMIN = { username: "enclave_admin", password: password() };
const APPS = {
  keycloak: { name: "keycloak_acme", username: "keycloak_acme", password: password() },
  diffgram: { name: "diffgram_acme", username: "diffgram_acme", password: password() },
};
/** A second tenant on the same server, bootstrapped from the platform's namespace (shared instance). */
const OTHER = {
  keycloak: { name: "keycloak_globex", username: "keycloak_globex", password: password() },
  diffgram: { name: "diffgram_globex", username: "diffgram_globex", password: password() },
};
const ADMIN_NAMESPACE = { namespace: "operator", serviceAccountName: "database-admin" };
type Apps = typeof APPS;

/** PostgreSQL's stored SCRAM-SHA-256 form, so the administrator's password is never logged either. */
function verifier(pw: string): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(pw, salt, 4096, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const stored = createHash("sha256").update(clientKey).digest();
  const server = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$4096:${salt.toString("base64")}$${stored.toString("base64")}:${server.toString("base64")}`;
}

let dir = "";
let pki: TestPki;
let port = 0;
let log = "";
let bootstrap: { command: string[]; env: Record<string, string> };
let otherJob: { command: string[]; env: Record<string, string>; namespace: string };

function pg(tool: string, args: string[]) {
  const [command, argv] = asUser("postgres", join(BIN, tool), args);
  const run = spawnSync(command, argv, { encoding: "utf8", cwd: "/" });
  if (run.status !== 0) {
    throw new Error(`${tool} ${args.join(" ")}: ${run.stderr}${run.stdout}`);
  }
}

/** psql over TLS with full verification, as `user` into `database`. */
function sql(user: string, pw: string, database: string, query: string) {
  return spawnSync(
    "psql",
    [
      `host=localhost port=${port} user=${user} dbname=${database} sslmode=verify-full sslrootcert=${pki.caCert}`,
      "-v",
      "ON_ERROR_STOP=1",
      "-XAtc",
      query,
    ],
    { encoding: "utf8", env: { ...process.env, PGPASSWORD: pw, PGCONNECT_TIMEOUT: "5" } },
  );
}

function superuser(query: string): string {
  const run = sql("postgres", SUPERUSER_PASSWORD, "postgres", query);
  if (run.status !== 0) {
    throw new Error(`${query}: ${run.stderr}`);
  }
  return run.stdout.trim();
}

/** The kit's bootstrap Job, rendered, turned into a local command line and environment. */
async function renderJob(
  caPem: string,
  tenant = "acme",
  apps: Apps = APPS,
  placement?: typeof ADMIN_NAMESPACE,
): Promise<typeof otherJob> {
  await h.setKubernetesMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { DatabaseBootstrap } = await import("../../components/app/database/bootstrap");
  h.setExistingSecret("operator/postgres-admin", ADMIN);
  const database = {
    ...h.fakePlatform(k8s).database,
    host: "localhost",
    port,
    caBundlePem: caPem,
    adminCredentials: {
      kind: "kubernetes-secret",
      secretName: "postgres-admin",
      namespace: "operator",
    },
    ...(placement ? { bootstrap: placement } : {}),
  } as const;
  const { resources } = await h.render(
    () =>
      new DatabaseBootstrap("enclave-database", {
        namespace: tenant,
        tenant,
        database,
        apps: [
          { app: "keycloak", ...apps.keycloak },
          { app: "diffgram", ...apps.diffgram },
        ],
        image: `registry.example.com/diffgram/default:1.25.3@sha256:${"1".repeat(64)}`,
        serviceAccountAnnotations: {},
        sizing: { cpuRequest: "50m", memoryRequest: "64Mi", cpuLimit: "1", memoryLimit: "256Mi" },
      }),
  );
  const secrets = new Map<string, Record<string, string>>(
    h.byKind(resources, "Secret").map((s) => [
      s.metadata.name,
      {
        ...Object.fromEntries(
          Object.entries(s.data ?? {}).map(([k, v]) => [
            k,
            Buffer.from(String(v), "base64").toString(),
          ]),
        ),
        ...(s.stringData ?? {}),
      },
    ]),
  );
  if (placement) {
    // The platform's namespace holds the administrator's Secret itself (the Job reads it there).
    secrets.set("postgres-admin", ADMIN);
  }
  const configMaps = new Map<string, Record<string, string>>(
    h.byKind(resources, "ConfigMap").map((c) => [c.metadata.name, c.data]),
  );
  const jobs = h.byKind(resources, "Job");
  expect(jobs).toHaveLength(1);
  const pod = jobs[0].spec.template.spec;
  const container = pod.containers[0];
  // Each ConfigMap volume becomes a local folder at the same relative place.
  const mounts = new Map<string, string>();
  for (const m of container.volumeMounts) {
    const volume = pod.volumes.find((v: h.Loose) => v.name === m.name);
    const local = join(dir, "mounts", tenant, m.name);
    mkdirSync(local, { recursive: true });
    for (const [file, text] of Object.entries(configMaps.get(volume.configMap?.name) ?? {})) {
      writeFileSync(join(local, file), String(text));
    }
    mounts.set(m.mountPath, local);
  }
  const local = (value: string) => {
    for (const [mountPath, folder] of mounts) {
      if (value.startsWith(`${mountPath}/`)) {
        return folder + value.slice(mountPath.length);
      }
    }
    return value;
  };
  const env: Record<string, string> = {};
  for (const e of container.env) {
    const ref = e.valueFrom?.secretKeyRef;
    const value = ref ? secrets.get(ref.name)?.[ref.key] : e.value;
    if (value === undefined) {
      throw new Error(`env ${e.name}: no value (secret ${ref?.name}/${ref?.key} not rendered)`);
    }
    env[e.name] = local(String(value));
  }
  return { command: container.command.map(local), env, namespace: jobs[0].metadata.namespace };
}

function runBootstrap(job: typeof bootstrap = bootstrap) {
  const [python, script] = job.command;
  expect(python).toBe("python3");
  return spawnSync(PYTHON, [script!], {
    encoding: "utf8",
    env: { ...job.env, HOME: dir, PATH: process.env.PATH ?? "/usr/bin" },
  });
}

describe.runIf(available)("the database bootstrap on a real PostgreSQL 15", () => {
  let first: ReturnType<typeof runBootstrap>;
  let second: ReturnType<typeof runBootstrap>;
  let other: ReturnType<typeof runBootstrap>;

  beforeAll(async () => {
    dir = scratch("enclave-pg-", "postgres");
    pki = makePki(dir, "postgres");
    port = await freePort();
    const pwfile = join(dir, "superuser.pw");
    writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o644 });
    const data = join(dir, "data");
    pg("initdb", [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=scram-sha-256",
      `--pwfile=${pwfile}`,
      "-E",
      "UTF8",
    ]);
    rmSync(pwfile);
    // The kit's own parameter group (RDS-only switches aside: rds.force_ssl is pg_hba's hostssl here).
    const kit = PARAMETERS.filter((p) => !p.name.startsWith("rds."))
      .map((p) => `${p.name} = '${p.value}'`)
      .join("\n");
    appendFileSync(
      join(data, "postgresql.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        "ssl = on",
        `ssl_cert_file = '${pki.serverCert}'`,
        `ssl_key_file = '${pki.serverKey}'`,
        kit,
        "",
      ].join("\n"),
    );
    // TLS only, SCRAM only: no plain TCP, no local trust.
    writeFileSync(join(data, "pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\n");
    log = join(dir, "server.log");
    pg("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "30", "start"]);
    superuser(
      `CREATE ROLE ${ADMIN.username} LOGIN CREATEROLE CREATEDB PASSWORD '${verifier(ADMIN.password)}'`,
    );
    bootstrap = await renderJob(readFileSync(pki.caCert, "utf8"));
    first = runBootstrap();
    second = runBootstrap();
    otherJob = await renderJob(readFileSync(pki.caCert, "utf8"), "globex", OTHER, ADMIN_NAMESPACE);
    other = runBootstrap(otherJob);
  }, 120_000);

  afterAll(() => {
    if (dir) {
      try {
        pg("pg_ctl", ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("runs the Job's own command with verify-full TLS against the rendered CA", () => {
    expect(bootstrap.env.PGSSLMODE).toBe("verify-full");
    expect(readFileSync(bootstrap.env.PGSSLROOTCERT!, "utf8")).toBe(
      readFileSync(pki.caCert, "utf8"),
    );
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("role keycloak_acme: created; database keycloak_acme: ready");
    expect(first.stdout).toContain("role diffgram_acme: created; database diffgram_acme: ready");
  });

  it("is idempotent: a second run alters the roles and changes nothing else", () => {
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("role keycloak_acme: altered; database keycloak_acme: ready");
    expect(superuser("SELECT count(*) FROM pg_database WHERE datname LIKE '%_acme'")).toBe("2");
  });

  it("creates login roles with SCRAM verifiers and no superuser, createrole or createdb", () => {
    const rows = superuser(
      "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, left(rolpassword, 14) FROM pg_authid WHERE rolname LIKE '%_acme' ORDER BY rolname",
    );
    expect(rows.split("\n")).toEqual([
      "diffgram_acme|f|f|f|t|SCRAM-SHA-256$",
      "keycloak_acme|f|f|f|t|SCRAM-SHA-256$",
    ]);
  });

  it("lets each role log in with its password over TLS to its own database only", () => {
    const own = sql(
      APPS.keycloak.username,
      APPS.keycloak.password,
      APPS.keycloak.name,
      "SELECT current_user",
    );
    expect(own.stdout.trim()).toBe("keycloak_acme");
    const other = sql(
      APPS.keycloak.username,
      APPS.keycloak.password,
      APPS.diffgram.name,
      "SELECT 1",
    );
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain("permission denied for database");
    const wrong = sql(
      APPS.diffgram.username,
      APPS.keycloak.password,
      APPS.diffgram.name,
      "SELECT 1",
    );
    expect(wrong.stderr).toContain("password authentication failed");
    const owner = superuser(
      "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'diffgram_acme'",
    );
    expect(owner).toBe("diffgram_acme");
  });

  it("audits the app's reads and writes with pgAudit, preloaded from the kit's parameters", () => {
    expect(superuser("SHOW shared_preload_libraries")).toBe("pgaudit");
    expect(superuser("SHOW pgaudit.log")).toBe("read,write,role,ddl");
    // RDS's administrator may create the extension; this one (CREATEROLE, CREATEDB) may not: said.
    expect(first.stdout).toContain(
      "database diffgram_acme: pgaudit is preloaded (session audit on) but this administrator may not create its extension",
    );
    const app = APPS.diffgram;
    const run = sql(
      app.username,
      app.password,
      app.name,
      "CREATE TABLE annotation (id int, label text); INSERT INTO annotation VALUES (1, 'cat'); SELECT label FROM annotation",
    );
    expect(run.stderr).toBe("");
    const text = readFileSync(log, "utf8");
    expect(text).toMatch(/AUDIT: SESSION,\d+,\d+,WRITE,INSERT,TABLE,public\.annotation,/);
    expect(text).toMatch(/AUDIT: SESSION,\d+,\d+,READ,SELECT,TABLE,public\.annotation,/);
    expect(text).not.toContain("'cat'),<"); // no parameters logged
  });

  it("logs the role statements (DDL and pgaudit) but never a clear password", () => {
    const text = readFileSync(log, "utf8");
    // The log does record the statements, with the verifier: the grep below could find a password.
    expect(text).toMatch(
      /statement: CREATE ROLE "keycloak_acme" WITH LOGIN .* PASSWORD 'SCRAM-SHA-256\$/,
    );
    expect(text).toMatch(/AUDIT: SESSION,\d+,\d+,ROLE,CREATE ROLE/);
    for (const pw of [
      SUPERUSER_PASSWORD,
      ADMIN.password,
      APPS.keycloak.password,
      APPS.diffgram.password,
    ]) {
      expect(text.includes(pw)).toBe(false);
    }
  });

  it("puts a second tenant on the same server from the platform's namespace, and neither tenant's roles reach the other's databases", () => {
    // The shared instance's shape: the Job in the platform-owned namespace, as its own service account.
    expect(otherJob.namespace).toBe(ADMIN_NAMESPACE.namespace);
    expect(other.stderr).toBe("");
    expect(other.status).toBe(0);
    expect(other.stdout).toContain(
      "role keycloak_globex: created; database keycloak_globex: ready",
    );
    for (const [role, database] of [
      [OTHER.diffgram, APPS.diffgram.name],
      [OTHER.keycloak, APPS.keycloak.name],
      [APPS.diffgram, OTHER.diffgram.name],
      [APPS.keycloak, OTHER.keycloak.name],
    ] as const) {
      const run = sql(role.username, role.password, database, "SELECT 1");
      expect({ role: role.username, database, status: run.status }).toEqual({
        role: role.username,
        database,
        status: 2,
      });
      expect(run.stderr).toContain(`permission denied for database "${database}"`);
    }
    const own = sql(
      OTHER.diffgram.username,
      OTHER.diffgram.password,
      OTHER.diffgram.name,
      "SELECT current_user",
    );
    expect(own.stdout.trim()).toBe("diffgram_globex");
    // No CONNECT (nor TEMP) for PUBLIC on any tenant's database; each owned by its own role.
    expect(
      superuser(
        "SELECT datname, pg_get_userbyid(datdba), has_database_privilege('public', datname, 'CONNECT') FROM pg_database WHERE datname LIKE '%\\_acme' OR datname LIKE '%\\_globex' ORDER BY datname",
      ).split("\n"),
    ).toEqual([
      "diffgram_acme|diffgram_acme|f",
      "diffgram_globex|diffgram_globex|f",
      "keycloak_acme|keycloak_acme|f",
      "keycloak_globex|keycloak_globex|f",
    ]);
  });
});

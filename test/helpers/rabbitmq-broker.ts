import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as h from "./app-layer";
import { asUser, freePort } from "./daemons";
import { resolveLayerSettings } from "../../stacks/config/app-settings";
import type { AppConfig } from "../../stacks/config/app";

/**
 * A real rabbitmq-server (Debian 12's) run from the kit's rendered StatefulSet: its config Secret,
 * plugin ConfigMap, environment and mounts laid out in a scratch folder, the TLS Secret filled
 * with the given files. The only changes to the kit's text: the certificate paths (to the local
 * mounts) and the AMQPS port (a free one).
 */
export const RABBITMQ_SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
const STARTUP_LIMIT_MS = 45_000;

/** The whole app layer (tenant acme, prod) under the mock engine, with `app` as enclave:app. */
export async function renderAppLayer(app: Partial<AppConfig> = {}): Promise<h.Recorded[]> {
  await h.setKubernetesMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { AppLayer } = await import("../../components/app");
  const resolved = resolveLayerSettings(
    { images: h.DIFFGRAM_IMAGES, keycloak: { admins: h.MASTER_ADMINS }, ...app },
    { tenant: "acme", environment: "prod" },
  );
  if (resolved.problems.length > 0) {
    throw new Error(JSON.stringify(resolved.problems));
  }
  const { resources } = await h.render(
    () =>
      new AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod" }),
        settings: resolved.settings!,
      }),
  );
  return resources;
}

/** Files of every rendered Secret and ConfigMap, by object name (stringData and data merged). */
export function renderedFiles(resources: h.Recorded[]): Record<string, Record<string, string>> {
  const files: Record<string, Record<string, string>> = {};
  for (const kind of ["Secret", "ConfigMap"]) {
    for (const r of h.byKind(resources, kind)) {
      const o = h.plain(r);
      files[o.metadata.name] ??= { ...o.data, ...o.stringData };
    }
  }
  return files;
}

export interface Broker {
  readonly port: number;
  readonly user: { readonly username: string; readonly password: string };
  /** The broker's rabbitmq.conf as the kit rendered it (before the local rewrite). */
  readonly conf: string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Lays the rendered broker out under `dir` (owned by the rabbitmq user) and starts it. `tls` are
 * the files of the broker's TLS Secret (ca.crt, tls.crt, tls.key).
 */
export async function startBroker(
  resources: h.Recorded[],
  dir: string,
  tls: Readonly<Record<"ca.crt" | "tls.crt" | "tls.key", string>>,
): Promise<Broker> {
  const ports = {
    amqps: await freePort(),
    plain: await freePort(),
    dist: await freePort(),
    epmd: await freePort(),
  };
  const pod = h.plain(h.named(resources, "StatefulSet", "rabbitmq")).spec.template.spec;
  const container = pod.containers[0];
  const files = renderedFiles(resources);
  const tlsSecret = pod.volumes.find((v: h.Loose) => v.name === "tls").secret.secretName;
  files[tlsSecret] = { ...tls };
  const mounts = new Map<string, string>();
  for (const m of container.volumeMounts as h.Loose[]) {
    const volume = pod.volumes.find((v: h.Loose) => v.name === m.name);
    const local = join(dir, "mounts", m.name);
    mkdirSync(local, { recursive: true });
    const source = volume?.secret?.secretName ?? volume?.configMap?.name;
    for (const [file, text] of Object.entries(source ? (files[source] ?? {}) : {})) {
      writeFileSync(join(local, file), String(text), { mode: 0o644 });
    }
    mounts.set(m.mountPath, local);
  }
  const local = (value: string) => {
    for (const [mountPath, folder] of mounts) {
      if (value === mountPath || value.startsWith(`${mountPath}/`)) {
        return folder + value.slice(mountPath.length);
      }
    }
    return value;
  };
  const confDir = mounts.get("/etc/rabbitmq/conf.d")!;
  const confFile = join(confDir, "20-enclave.conf");
  const conf = readFileSync(confFile, "utf8");
  if (!conf.includes("listeners.ssl.default = 5671\n")) {
    throw new Error(`the rendered rabbitmq.conf has no listeners.ssl.default = 5671:\n${conf}`);
  }
  writeFileSync(
    confFile,
    conf
      .replace(/^(ssl_options\.\w+file) = (.*)$/gm, (_, k, p) => `${k} = ${local(p)}`)
      .replace("listeners.ssl.default = 5671", `listeners.ssl.default = ${ports.amqps}`),
  );
  const env: Record<string, string> = {};
  for (const e of container.env as h.Loose[]) {
    env[e.name] = local(String(e.value));
  }
  const base = join(dir, "base");
  mkdirSync(join(dir, "home"), { recursive: true, mode: 0o700 });
  mkdirSync(base, { recursive: true });
  spawnSync("chown", ["-R", "rabbitmq:rabbitmq", dir]);
  const [command, args] = asUser("rabbitmq", RABBITMQ_SERVER, []);
  let log = "";
  const server: ChildProcess = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    cwd: "/",
    env: {
      PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
      ...env,
      RABBITMQ_CONFIG_FILES: confDir,
      HOME: join(dir, "home"),
      RABBITMQ_NODENAME: `enclave${ports.amqps}@localhost`,
      RABBITMQ_NODE_PORT: String(ports.plain),
      RABBITMQ_DIST_PORT: String(ports.dist),
      ERL_EPMD_PORT: String(ports.epmd),
      RABBITMQ_MNESIA_BASE: base,
      RABBITMQ_LOG_BASE: base,
      RABBITMQ_PLUGINS_EXPAND_DIR: join(base, "plugins"),
      RABBITMQ_CONF_ENV_FILE: "/dev/null",
      RABBITMQ_ADVANCED_CONFIG_FILE: join(base, "advanced.config"),
    },
  });
  server.stdout!.on("data", (d) => (log += String(d)));
  server.stderr!.on("data", (d) => (log += String(d)));
  const stop = async () => {
    if (server.pid && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      const timer = setTimeout(() => server.pid && process.kill(-server.pid, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    spawnSync("epmd", ["-kill"], { env: { ...process.env, ERL_EPMD_PORT: String(ports.epmd) } });
  };
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (!log.includes("Server startup complete")) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `rabbitmq-server did not start within ${STARTUP_LIMIT_MS / 1000} s (exit ${server.exitCode}); log tail:\n${log.slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const credentials = h.plain(h.named(resources, "Secret", "rabbitmq-credentials")).stringData;
  return {
    port: ports.amqps,
    user: { username: credentials.username, password: credentials.password },
    conf,
    log: () => log,
    stop,
  };
}

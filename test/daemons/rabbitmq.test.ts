import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { join } from "node:path";
import { connect as tlsConnect, type ConnectionOptions } from "node:tls";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as h from "../helpers/app-layer";
import { resolveLayerSettings } from "../../stacks/config/app-settings";
import {
  asUser,
  freePort,
  makePki,
  requirePackages,
  scratch,
  type TestPki,
} from "../helpers/daemons";

/**
 * The kit's RabbitMQ configuration on a real rabbitmq-server (Debian 12's 3.10; the kit ships 4.1,
 * whose rabbitmq.conf keys used here are the same). The whole app layer is rendered under the mock
 * engine; the StatefulSet's config Secret, plugin ConfigMap, environment and mounts are reproduced
 * in a scratch folder, with certificates made the way the kit's Certificate asks (its key type and
 * DNS names) from a throw-away CA standing in for the internal CA. The only change to the kit's
 * text: the AMQPS port becomes a free one, so parallel runs do not collide.
 */
const SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";
const PYTHON = "/usr/bin/python3";
const available = requirePackages("real RabbitMQ (test/daemons/rabbitmq.test.ts)", {
  "rabbitmq-server": SERVER,
  python3: PYTHON,
});
const STARTUP_LIMIT_MS = 45_000;

let dir = "";
let pki: TestPki;
let strangerPki: TestPki;
let ports: { amqps: number; plain: number; dist: number; epmd: number };
let server: ChildProcess | undefined;
let log = "";
let user = { username: "", password: "" };
let serverName = "";
let listening: number[] = [];

type Loose = h.Loose;

async function renderLayer(): Promise<h.Recorded[]> {
  await h.setKubernetesMocks();
  const k8s = await import("@pulumi/kubernetes");
  const { AppLayer } = await import("../../components/app");
  const resolved = resolveLayerSettings(
    { images: h.DIFFGRAM_IMAGES, keycloak: { admins: h.MASTER_ADMINS } },
    { tenant: "acme", environment: "prod" },
  );
  expect(resolved.problems).toEqual([]);
  const { resources } = await h.render(
    () =>
      new AppLayer("enclave", {
        platform: h.fakePlatform(k8s, { environment: "prod" }),
        settings: resolved.settings!,
      }),
  );
  return resources;
}

const object = (resources: h.Recorded[], kind: string, name: string): Loose =>
  h.plain(h.named(resources, kind, name));

/** The rendered StatefulSet's files and environment, laid out locally; returns the server's env. */
function layOut(resources: h.Recorded[]): Record<string, string> {
  const sts = object(resources, "StatefulSet", "rabbitmq");
  const pod = sts.spec.template.spec;
  const container = pod.containers[0];
  const certificate = object(resources, "Certificate", "rabbitmq-tls").spec;
  // Certificates as cert-manager would issue them from the Certificate's spec.
  expect(certificate.privateKey.algorithm).toBe("RSA");
  // The name Diffgram's TLS proxy dials and checks (its proxy_ssl_name) is what clients check.
  const proxyConf: string = object(resources, "ConfigMap", "rabbitmq-proxy").data["nginx.conf"];
  serverName = /^\s*proxy_ssl_name (\S+);$/m.exec(proxyConf)![1]!;
  expect(certificate.dnsNames).toContain(serverName);
  mkdirSync(join(dir, "pki"));
  mkdirSync(join(dir, "stranger"));
  pki = makePki(join(dir, "pki"), "rabbitmq", "diffgram-default", {
    serverRsaBits: certificate.privateKey.size,
    serverNames: certificate.dnsNames,
  });
  strangerPki = makePki(join(dir, "stranger"), undefined, "diffgram-default");
  const files: Record<string, Record<string, string>> = {
    [sts.spec.template.spec.volumes.find((v: Loose) => v.name === "tls").secret.secretName]: {
      "ca.crt": readFileSync(pki.caCert, "utf8"),
      "tls.crt": readFileSync(pki.serverCert, "utf8"),
      "tls.key": readFileSync(pki.serverKey, "utf8"),
    },
  };
  for (const kind of ["Secret", "ConfigMap"]) {
    for (const r of h.byKind(resources, kind)) {
      const o = h.plain(r);
      files[o.metadata.name] ??= { ...o.data, ...o.stringData };
    }
  }
  const mounts = new Map<string, string>();
  for (const m of container.volumeMounts as Loose[]) {
    const volume = pod.volumes.find((v: Loose) => v.name === m.name);
    const local = join(dir, "mounts", m.name);
    mkdirSync(local, { recursive: true });
    // The data volume is a claim template: an empty folder here.
    const source = volume?.secret?.secretName ?? volume?.configMap?.name;
    for (const [file, text] of Object.entries(source ? (files[source] ?? {}) : {})) {
      writeFileSync(join(local, file), String(text), { mode: 0o644 });
    }
    mounts.set(m.mountPath, local);
  }
  spawnSync("chown", ["-R", "rabbitmq:rabbitmq", join(dir, "mounts")]);
  const local = (value: string) => {
    for (const [mountPath, folder] of mounts) {
      if (value === mountPath || value.startsWith(`${mountPath}/`)) {
        return folder + value.slice(mountPath.length);
      }
    }
    return value;
  };
  // The kit's text, with its paths moved to the local mounts and its port to a free one.
  const confDir = mounts.get("/etc/rabbitmq/conf.d")!;
  const confFile = join(confDir, "20-enclave.conf");
  const conf = readFileSync(confFile, "utf8");
  expect(conf).toContain("listeners.ssl.default = 5671\n");
  writeFileSync(
    confFile,
    conf
      .replace(/^(ssl_options\.\w+file) = (.*)$/gm, (_, k, p) => `${k} = ${local(p)}`)
      .replace("listeners.ssl.default = 5671", `listeners.ssl.default = ${ports.amqps}`),
  );
  const env: Record<string, string> = {};
  for (const e of container.env as Loose[]) {
    env[e.name] = local(String(e.value));
  }
  const credentials = object(resources, "Secret", "rabbitmq-credentials").stringData;
  user = { username: credentials.username, password: credentials.password };
  return {
    ...env,
    RABBITMQ_CONFIG_FILES: confDir,
    HOME: join(dir, "home"),
  };
}

/** Starts the server as its own user in its own process group, with every path in `dir`. */
async function start(env: Record<string, string>): Promise<void> {
  const base = join(dir, "base");
  mkdirSync(join(dir, "home"), { recursive: true, mode: 0o700 });
  mkdirSync(base, { recursive: true });
  spawnSync("chown", ["-R", "rabbitmq:rabbitmq", join(dir, "home"), base]);
  const [command, args] = asUser("rabbitmq", SERVER, []);
  server = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    cwd: "/",
    env: {
      PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
      ...env,
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
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  while (!log.includes("Server startup complete")) {
    if (server.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `rabbitmq-server did not start within ${STARTUP_LIMIT_MS / 1000} s (exit ${server.exitCode}); log tail:\n${log.slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Ends the server this file started (its process group) and the epmd it started on its port. */
async function stop(): Promise<void> {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    process.kill(-server.pid, "SIGTERM");
    const timer = setTimeout(() => server?.pid && process.kill(-server.pid, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
  spawnSync("epmd", ["-kill"], { env: { ...process.env, ERL_EPMD_PORT: String(ports.epmd) } });
}

/** TCP ports this node's Erlang VM listens on (found by its unique node name; needs ps and ss). */
function listeningPorts(): number[] {
  // The node's VM is the process that listens on the AMQPS port; list every port it listens on.
  const lines = (spawnSync("ss", ["-Hltnp"], { encoding: "utf8" }).stdout ?? "")
    .split("\n")
    .filter((l) => l.includes('"beam.smp"'));
  const port = (l: string) => Number(/:(\d+)$/.exec(l.trim().split(/\s+/)[3] ?? "")?.[1]);
  const pid = (l: string) => /"beam\.smp",pid=(\d+),/.exec(l)?.[1];
  const node = pid(lines.find((l) => port(l) === ports.amqps) ?? "");
  return node === undefined ? [] : lines.filter((l) => pid(l) === node).map(port);
}

/** Whether a TCP connection to 127.0.0.1:port is refused (nothing listens). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: "127.0.0.1", port });
    socket.setTimeout(3000);
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });
}

/** A TLS handshake with the AMQPS port; the negotiated protocol and suite, or the error. */
function handshake(options: ConnectionOptions): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: "127.0.0.1", port: ports.amqps, ...options });
    socket.setTimeout(5000);
    socket.once("secureConnect", () => {
      // The server reports a rejected client certificate right after the handshake (TLS 1.3).
      socket.write("AMQP\x00\x00\x09\x01");
      socket.once("data", () => {
        resolve(`${socket.getProtocol()} ${socket.getCipher().name}`);
        socket.destroy();
      });
    });
    socket.once("error", (e) => resolve(`error: ${e.message}`));
    socket.once("timeout", () => (socket.destroy(), resolve("error: timeout")));
  });
}

const amqpsUrl = (u: { username: string; password: string }) =>
  `amqps://${encodeURIComponent(u.username)}:${encodeURIComponent(u.password)}@127.0.0.1:${ports.amqps}/?heartbeat=10`;

/** amqplib with the internal CA and the in-cluster name checked (what a verifying client does). */
const verifying = (extra: ConnectionOptions = {}) => ({
  ca: [readFileSync(pki.caCert)],
  servername: serverName,
  rejectUnauthorized: true,
  timeout: 5000,
  ...extra,
});

describe.runIf(available)("the kit's RabbitMQ configuration on a real rabbitmq-server", () => {
  beforeAll(async () => {
    dir = scratch("enclave-rabbitmq-", "rabbitmq");
    ports = {
      amqps: await freePort(),
      plain: await freePort(),
      dist: await freePort(),
      epmd: await freePort(),
    };
    const began = Date.now();
    const env = layOut(await renderLayer());
    const rendered = Date.now();
    await start(env);
    console.info(
      `rabbitmq test: render + certificates ${rendered - began} ms, server boot ${Date.now() - rendered} ms`,
    );
    listening = listeningPorts();
  }, 90_000);

  afterAll(async () => {
    await stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("accepts the app's user over AMQPS with the server verified against the CA and its in-cluster name", async () => {
    expect(serverName).toBe("rabbitmq.enclave-acme.svc");
    const connection = await amqp.connect(amqpsUrl(user), verifying());
    const channel = await connection.createChannel();
    // What Diffgram's QueueClient declares, then one message through a queue.
    for (const exchange of ["actions", "events", "exports"]) {
      await channel.assertExchange(exchange, "direct", { durable: false });
    }
    const queue = await channel.assertQueue("", { exclusive: true });
    await channel.bindQueue(queue.queue, "actions", "actions.new_actions_trigger");
    channel.publish("actions", "actions.new_actions_trigger", Buffer.from('{"ok":true}'));
    const message = await new Promise<string>((resolve) =>
      channel.consume(queue.queue, (m) => m && resolve(m.content.toString()), { noAck: true }),
    );
    expect(message).toBe('{"ok":true}');
    await connection.close();
  });

  it("negotiates with Diffgram's own TLS settings (TLS 1.2 only, ECDHE+AESGCM:!ECDSA)", () => {
    // The two lines of Diffgram's QueueClient and ConsumersCreator, verbatim.
    const script = [
      "import ssl, socket, sys",
      "ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLSv1_2)",
      "ssl_context.set_ciphers('ECDHE+AESGCM:!ECDSA')",
      "s = ssl_context.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5))",
      "s.sendall(b'AMQP\\x00\\x00\\x09\\x01')",
      "print(s.version(), s.cipher()[0], s.recv(7)[:1] == b'\\x01')",
    ].join("\n");
    const run = spawnSync(PYTHON, ["-W", "ignore", "-c", script, String(ports.amqps)], {
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toMatch(/^TLSv1\.2 ECDHE-RSA-AES(256|128)-GCM-SHA(384|256) True$/);
  });

  it("verifies peers: a client certificate from the internal CA is admitted, one from another CA is refused", async () => {
    const mine = {
      cert: readFileSync(pki.clientCert),
      key: readFileSync(pki.clientKey),
    };
    const stranger = {
      cert: readFileSync(strangerPki.clientCert),
      key: readFileSync(strangerPki.clientKey),
    };
    expect(await handshake({ ...verifying(), ...mine })).toMatch(/^TLSv1\.3 TLS_AES_/);
    expect(await handshake({ ...verifying(), ...stranger })).toMatch(
      /^error: .*(unknown ca|alert)/i,
    );
    const connection = await amqp.connect(amqpsUrl(user), verifying(mine));
    await connection.close();
  });

  it("refuses weak protocols and suites: no TLS 1.1, no suite without forward secrecy", async () => {
    expect(
      await handshake({
        ...verifying(),
        minVersion: "TLSv1.1",
        maxVersion: "TLSv1.1",
        ciphers: "DEFAULT@SECLEVEL=0",
      }),
    ).toMatch(/^error: /);
    expect(
      await handshake({
        ...verifying(),
        maxVersion: "TLSv1.2",
        ciphers: "AES256-GCM-SHA384:AES128-SHA",
      }),
    ).toMatch(/^error: .*(handshake failure|alert)/i);
  });

  it("refuses the guest user and a wrong password, even from loopback", async () => {
    await expect(
      amqp.connect(amqpsUrl({ username: "guest", password: "guest" }), verifying()),
    ).rejects.toThrow(/ACCESS[-_]REFUSED/);
    await expect(
      amqp.connect(amqpsUrl({ username: user.username, password: "wrong" }), verifying()),
    ).rejects.toThrow(/ACCESS[-_]REFUSED/);
  });

  it("has no plain AMQP listener, no management or Prometheus listener: AMQPS and Erlang distribution only", async () => {
    expect(await refused(ports.plain)).toBe(true);
    expect(await refused(5672)).toBe(true);
    expect(await refused(15672)).toBe(true);
    expect(await refused(15692)).toBe(true);
    // Every port the node's VM listens on (where ss exists: iproute2).
    if (existsSync("/usr/bin/ss")) {
      expect([...new Set(listening)].sort()).toEqual([ports.amqps, ports.dist].sort());
    }
    expect(log).toContain("0 plugins started");
  });
});

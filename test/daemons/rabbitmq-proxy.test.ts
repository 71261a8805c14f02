import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { join } from "node:path";
import { connect as tlsConnect, createServer as createTlsServer, type Server } from "node:tls";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as h from "../helpers/app-layer";
import {
  asUser,
  freePort,
  makePki,
  requirePackages,
  scratch,
  type TestPki,
} from "../helpers/daemons";
import {
  RABBITMQ_SERVER,
  renderAppLayer,
  renderedFiles,
  startBroker,
  type Broker,
} from "../helpers/rabbitmq-broker";

/**
 * Diffgram's RabbitMQ path on real daemons: the kit's broker (rabbitmq-server, Debian 12's 3.10)
 * and the kit's TLS client proxy (nginx's stream module, Debian 12's 1.22), both from the app layer
 * rendered under the mock engine, with certificates made the way the kit's Certificates ask from a
 * throw-away CA standing in for the internal CA. An AMQP client speaks plain AMQP to the proxy on
 * loopback, as Diffgram does in its pod.
 *
 * The proxy's nginx.conf is the ConfigMap's text with only these changes, each checked to occur:
 * its mount paths mapped to local folders, its listen port a free one, the dialled address
 * 127.0.0.1:<port> instead of the Service name (which resolves only in the cluster;
 * `proxy_ssl_name`, the name checked against the certificate, is unchanged), and a `load_module`
 * line first (Debian builds the stream module as a dynamic module; the kit's nginx image has it
 * built in).
 */
const NGINX = "/usr/sbin/nginx";
const STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";
const available = requirePackages(
  "real RabbitMQ behind the TLS proxy (test/daemons/rabbitmq-proxy.test.ts)",
  {
    "rabbitmq-server": RABBITMQ_SERVER,
    nginx: NGINX,
    "libnginx-mod-stream": STREAM_MODULE,
  },
);
const PROXY_USER = "www-data";
const WORKLOAD = "diffgram-default";

type Loose = h.Loose;

let dir = "";
let pki: TestPki;
let stranger: TestPki;
let wrongName: { cert: string; key: string };
let plainLayer: h.Recorded[];
let mutualLayer: h.Recorded[];
let broker: Broker;
let mutualBroker: Broker;
let serverName = "";
const proxies: ChildProcess[] = [];
const impostors: Server[] = [];

/** A leaf certificate for `names` signed by the CA in `caDir` (makePki's ca.pem and ca.key). */
function signLeaf(caDir: string, name: string, names: string[]): { cert: string; key: string } {
  const f = (file: string) => join(caDir, file);
  const run = (...args: string[]) => {
    const r = spawnSync("openssl", args, { encoding: "utf8" });
    if (r.status !== 0) {
      throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
    }
  };
  run(
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    f(`${name}.key`),
    "-out",
    f(`${name}.csr`),
    "-subj",
    `/CN=${names[0]}`,
  );
  writeFileSync(
    f(`${name}.ext`),
    `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\nextendedKeyUsage=serverAuth\n`,
  );
  run(
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
  return {
    cert: readFileSync(f(`${name}.pem`), "utf8"),
    key: readFileSync(f(`${name}.key`), "utf8"),
  };
}

interface Proxy {
  readonly port: number;
  readonly conf: string;
  log(): string;
}

/**
 * The rendered proxy container of diffgram-default, laid out under `dir/<label>` and started as an
 * unprivileged user, forwarding to 127.0.0.1:`upstreamPort`.
 */
async function startProxy(
  resources: h.Recorded[],
  label: string,
  upstreamPort: number,
  client?: { cert: string; key: string },
): Promise<Proxy> {
  const pod = h
    .byKind(resources, "Deployment")
    .map((d) => h.plain(d))
    .find((d) => d.metadata.name === WORKLOAD)!.spec.template.spec;
  const container = pod.initContainers.find((c: Loose) => c.name === "rabbitmq-proxy");
  const files = renderedFiles(resources);
  // The Secrets cert-manager would fill: the internal CA's ca.crt and the workload's client pair.
  files["internal-ca-trust"] = { "ca.crt": readFileSync(pki.caCert, "utf8") };
  files[`${WORKLOAD}-amqp-client-tls`] = client
    ? { "tls.crt": client.cert, "tls.key": client.key }
    : {};
  const root = join(dir, label);
  const mounts: [string, string][] = [];
  for (const m of container.volumeMounts as Loose[]) {
    const volume = pod.volumes.find((v: Loose) => v.name === m.name);
    const local = join(root, m.name);
    mkdirSync(local, { recursive: true });
    const source = volume?.secret?.secretName ?? volume?.configMap?.name;
    const items: Loose[] | undefined = volume?.secret?.items;
    for (const [file, text] of Object.entries(source ? (files[source] ?? {}) : {})) {
      if (!items || items.some((i) => i.key === file)) {
        writeFileSync(join(local, file), String(text), { mode: 0o640 });
      }
    }
    mounts.push([m.mountPath, local]);
  }
  const confDir = mounts.find(([p]) => p === "/etc/enclave/rabbitmq-proxy")![1];
  const rendered = readFileSync(join(confDir, "nginx.conf"), "utf8");
  const port = await freePort();
  const rewrites: [string, string][] = [
    ["listen 127.0.0.1:5672;", `listen 127.0.0.1:${port};`],
    [`proxy_pass ${serverName}:5671;`, `proxy_pass 127.0.0.1:${upstreamPort};`],
    ...mounts
      .filter(([p]) => rendered.includes(`${p}/`))
      .map(([p, l]): [string, string] => [`${p}/`, `${l}/`]),
  ];
  // Through placeholders: the local folders themselves sit under /tmp/.
  let conf = rendered;
  rewrites.forEach(([from], i) => {
    expect(conf.includes(from), `${label}: ${from}`).toBe(true);
    conf = conf.split(from).join(`\u0000${i}\u0000`);
  });
  rewrites.forEach(([, to], i) => {
    conf = conf.split(`\u0000${i}\u0000`).join(to);
  });
  conf = `load_module ${STREAM_MODULE};\n${conf}`;
  const confFile = join(root, "nginx.conf");
  writeFileSync(confFile, conf);
  spawnSync("chown", ["-R", `${PROXY_USER}:${PROXY_USER}`, root]);
  // The container's own command, with its config path mapped.
  const command: string[] = [...container.command, ...container.args];
  expect(command.slice(0, 5)).toEqual([
    "nginx",
    "-e",
    "stderr",
    "-c",
    "/etc/enclave/rabbitmq-proxy/nginx.conf",
  ]);
  const args = command
    .slice(1)
    .map((a) => (a === "/etc/enclave/rabbitmq-proxy/nginx.conf" ? confFile : a));
  const logFile = join(root, "nginx.out");
  writeFileSync(logFile, "");
  spawnSync("chown", [`${PROXY_USER}:${PROXY_USER}`, logFile]);
  const out = openSync(logFile, "a");
  const [run, runArgs] = asUser(PROXY_USER, NGINX, [...args, "-p", root]);
  const proxy = spawn(run, runArgs, { stdio: ["ignore", out, out] });
  closeSync(out);
  proxies.push(proxy);
  const log = () => readFileSync(logFile, "utf8");
  const deadline = Date.now() + 15_000;
  while (!(await listening(port))) {
    if (proxy.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the ${label} proxy did not listen on ${port}:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, conf: rendered, log };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: "127.0.0.1", port }, () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** A TLS server presenting `cert` that records every byte a client sends after the handshake. */
async function impostor(cert: {
  cert: string;
  key: string;
}): Promise<{ port: number; received: () => number }> {
  let received = 0;
  const server = createTlsServer({ cert: cert.cert, key: cert.key }, (socket) => {
    socket.on("data", (d: Buffer) => (received += d.length));
    socket.on("error", () => undefined);
  });
  server.on("tlsClientError", () => undefined);
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  impostors.push(server);
  return { port, received: () => received };
}

/** Plain AMQP to a proxy, as Diffgram's pika client speaks to it: publish one message and read it back. */
async function roundTrip(port: number, user: Broker["user"]): Promise<string> {
  const url = `amqp://${encodeURIComponent(user.username)}:${encodeURIComponent(user.password)}@127.0.0.1:${port}/?heartbeat=10`;
  const connection = await amqp.connect(url, { timeout: 5000 });
  try {
    const channel = await connection.createChannel();
    await channel.assertExchange("actions", "direct", { durable: false });
    const queue = await channel.assertQueue("", { exclusive: true });
    await channel.bindQueue(queue.queue, "actions", "actions.new_actions_trigger");
    channel.publish("actions", "actions.new_actions_trigger", Buffer.from('{"via":"proxy"}'));
    return await new Promise<string>((resolve) =>
      channel.consume(queue.queue, (m) => m && resolve(m.content.toString()), { noAck: true }),
    );
  } finally {
    await connection.close();
  }
}

/** A direct TLS handshake with a broker, verifying it; the protocol, or the error. */
function handshake(port: number, client?: { cert: string; key: string }): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: "127.0.0.1",
      port,
      ca: [readFileSync(pki.caCert)],
      servername: serverName,
      ...(client ?? {}),
    });
    socket.setTimeout(5000);
    socket.once("secureConnect", () => {
      // A refused client certificate is reported right after the handshake (TLS 1.3).
      socket.write("AMQP\x00\x00\x09\x01");
      socket.once("data", () => {
        resolve(`ok ${socket.getProtocol()}`);
        socket.destroy();
      });
    });
    socket.once("error", (e) => resolve(`error: ${e.message}`));
    socket.once("timeout", () => (socket.destroy(), resolve("error: timeout")));
  });
}

describe.runIf(available)(
  "Diffgram's RabbitMQ path: the kit's TLS proxy and broker on real daemons",
  () => {
    let proxy: Proxy;
    let client: { cert: string; key: string };

    beforeAll(async () => {
      const began = Date.now();
      dir = scratch("enclave-rmq-proxy-");
      [plainLayer, mutualLayer] = [
        await renderAppLayer(),
        await renderAppLayer({ rabbitmqMutualTls: true }),
      ];
      const certificate = h.plain(h.named(plainLayer, "Certificate", "rabbitmq-tls")).spec;
      serverName = /^\s*proxy_ssl_name (\S+);$/m.exec(
        h.plain(h.named(plainLayer, "ConfigMap", "rabbitmq-proxy")).data["nginx.conf"],
      )![1]!;
      expect(certificate.dnsNames).toContain(serverName);
      mkdirSync(join(dir, "pki"));
      mkdirSync(join(dir, "stranger"));
      pki = makePki(join(dir, "pki"), undefined, `${WORKLOAD}-amqp-client`, {
        serverRsaBits: certificate.privateKey.size,
        serverNames: certificate.dnsNames,
      });
      // Another CA's certificate with the right names, and the right CA's for another name.
      stranger = makePki(join(dir, "stranger"), undefined, "stranger", {
        serverNames: [serverName],
      });
      wrongName = signLeaf(join(dir, "pki"), "intruder", ["rabbitmq.intruder.svc"]);
      client = {
        cert: readFileSync(pki.clientCert, "utf8"),
        key: readFileSync(pki.clientKey, "utf8"),
      };
      const tls = {
        "ca.crt": readFileSync(pki.caCert, "utf8"),
        "tls.crt": readFileSync(pki.serverCert, "utf8"),
        "tls.key": readFileSync(pki.serverKey, "utf8"),
      };
      const rendered = Date.now();
      for (const name of ["broker", "mutual-broker"]) {
        mkdirSync(join(dir, name));
      }
      [broker, mutualBroker] = await Promise.all([
        startBroker(plainLayer, join(dir, "broker"), tls),
        startBroker(mutualLayer, join(dir, "mutual-broker"), tls),
      ]);
      const booted = Date.now();
      proxy = await startProxy(plainLayer, "proxy", broker.port);
      console.info(
        `rabbitmq-proxy test: render + certificates ${rendered - began} ms, two brokers ${booted - rendered} ms, proxy ${Date.now() - booted} ms`,
      );
    }, 110_000);

    afterAll(async () => {
      for (const p of proxies) {
        p.kill("SIGTERM");
      }
      await Promise.all(impostors.map((s) => new Promise((r) => s.close(r))));
      await Promise.all([broker?.stop(), mutualBroker?.stop()]);
      if (dir) {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 40_000);

    it("passes nginx -t with the kit's proxy configuration", () => {
      const check = spawnSync(
        NGINX,
        ["-t", "-e", "stderr", "-c", join(dir, "proxy", "nginx.conf"), "-p", join(dir, "proxy")],
        {
          encoding: "utf8",
        },
      );
      expect(check.status, check.stderr).toBe(0);
      expect(check.stderr).toContain("test is successful");
    });

    it("carries an AMQP client's login and messages to the broker over verified TLS", async () => {
      expect(await roundTrip(proxy.port, broker.user)).toBe('{"via":"proxy"}');
      // The broker saw a TLS client (its only listener is AMQPS) and accepted the password login.
      expect(broker.log()).toMatch(
        /user 'diffgram' authenticated and granted access to vhost '\/'/,
      );
    });

    it("refuses a broker whose certificate, from the internal CA, names another host", async () => {
      const fake = await impostor(wrongName);
      const p = await startProxy(plainLayer, "proxy-wrong-name", fake.port);
      await expect(roundTrip(p.port, broker.user)).rejects.toThrow();
      // Nothing reached the impostor: not the AMQP header, not the password.
      expect(fake.received()).toBe(0);
      expect(p.log()).toContain(`upstream SSL certificate does not match "${serverName}"`);
    });

    it("refuses a broker whose certificate for the right name comes from another CA", async () => {
      const fake = await impostor({
        cert: readFileSync(stranger.serverCert, "utf8"),
        key: readFileSync(stranger.serverKey, "utf8"),
      });
      const p = await startProxy(plainLayer, "proxy-other-ca", fake.port);
      await expect(roundTrip(p.port, broker.user)).rejects.toThrow();
      expect(fake.received()).toBe(0);
      expect(p.log()).toMatch(
        /upstream SSL certificate verify error: \((20:unable to get local issuer certificate|21:unable to verify the first certificate)\)/,
      );
    });

    it("with mutual TLS: the broker refuses a TLS client without a certificate, admits the internal CA's", async () => {
      expect(mutualBroker.conf).toContain("ssl_options.fail_if_no_peer_cert = true\n");
      // TLS 1.3's certificate_required alert (116), sent by the broker after the handshake.
      expect(await handshake(mutualBroker.port)).toMatch(/^error: .*alert certificate required/);
      expect(await handshake(mutualBroker.port, client)).toMatch(/^ok TLSv1\.3$/);
      // The plain broker (mutual TLS off) admits the same client without a certificate.
      expect(await handshake(broker.port)).toMatch(/^ok TLSv1\.3$/);
    });

    it("with mutual TLS: the proxy presents the workload's certificate and the login goes through", async () => {
      const p = await startProxy(mutualLayer, "proxy-mutual", mutualBroker.port, client);
      expect(p.conf).toContain("proxy_ssl_certificate /etc/enclave/rabbitmq-client/tls.crt;");
      expect(await roundTrip(p.port, mutualBroker.user)).toBe('{"via":"proxy"}');
      // The proxy without mutual TLS presents nothing, and the broker that requires a certificate refuses it.
      const bare = await startProxy(plainLayer, "proxy-bare", mutualBroker.port);
      await expect(roundTrip(bare.port, mutualBroker.user)).rejects.toThrow();
    });
  },
);

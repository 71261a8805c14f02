import { hex } from "../ids";
import { inputString, type ComputedState, type OutputContext } from "./context";

/** GCP collections by resource token module, for ids and self-links. */
const COMPUTE_REGIONAL = new Set(["subnetwork", "router", "routerNat", "address"]);

export function gcpOutputs(ctx: OutputContext): ComputedState {
  const [, module = "gcp", kind = "resource"] = /^gcp:([^/]+)\/([^:]+):/.exec(ctx.type) ?? [];
  const project = inputString(ctx, "project") ?? ctx.gcpProject;
  const region = inputString(ctx, "region") ?? inputString(ctx, "location") ?? ctx.gcpRegion;
  const name = inputString(ctx, "name") ?? `${ctx.name}-${hex(ctx.urn, 7, "autoname")}`;

  if (ctx.type === "gcp:serviceaccount/account:Account") {
    const accountId = inputString(ctx, "accountId") ?? name;
    const email = `${accountId}@${project}.iam.gserviceaccount.com`;
    return {
      id: `projects/${project}/serviceAccounts/${email}`,
      state: {
        email,
        member: `serviceAccount:${email}`,
        name: `projects/${project}/serviceAccounts/${email}`,
        uniqueId: BigInt(`0x${hex(ctx.urn, 15)}`).toString(),
      },
    };
  }
  if (ctx.type === "gcp:serviceaccount/key:Key") {
    const account =
      inputString(ctx, "serviceAccountId") ?? `projects/${project}/serviceAccounts/sa`;
    const keyId = hex(ctx.urn, 40, "key");
    const email = account.split("/").pop()!;
    const file = {
      type: "service_account",
      project_id: project,
      private_key_id: keyId,
      private_key: `-----BEGIN PRIVATE KEY-----\n${hex(ctx.urn, 64, "private")}\n-----END PRIVATE KEY-----\n`,
      client_email: email,
    };
    return {
      id: `${account}/keys/${keyId}`,
      state: {
        name: `${account}/keys/${keyId}`,
        privateKey: Buffer.from(JSON.stringify(file)).toString("base64"),
        publicKey: Buffer.from(`public-${keyId}`).toString("base64"),
      },
      secretOutputs: ["privateKey"],
    };
  }
  if (ctx.type === "gcp:secretmanager/secret:Secret") {
    const id = `projects/${project}/secrets/${inputString(ctx, "secretId") ?? name}`;
    return { id, state: { name: id } };
  }
  if (ctx.type === "gcp:kms/keyRing:KeyRing") {
    const id = `projects/${project}/locations/${inputString(ctx, "location") ?? region}/keyRings/${name}`;
    return { id, state: { name } };
  }
  if (ctx.type === "gcp:kms/cryptoKey:CryptoKey") {
    const ring =
      inputString(ctx, "keyRing") ?? `projects/${project}/locations/${region}/keyRings/ring`;
    return { id: `${ring}/cryptoKeys/${name}`, state: { name } };
  }
  if (ctx.type === "gcp:storage/bucket:Bucket") {
    return {
      id: name,
      state: {
        name,
        url: `gs://${name}`,
        selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
        project,
      },
    };
  }
  if (ctx.type === "gcp:container/cluster:Cluster") {
    const id = `projects/${project}/locations/${region}/clusters/${name}`;
    return {
      id,
      state: {
        name,
        endpoint: `10.${parseInt(hex(ctx.urn, 2), 16) % 255}.0.2`,
        masterAuth: {
          clusterCaCertificate: Buffer.from(`ca-${hex(ctx.urn, 40)}`).toString("base64"),
        },
        selfLink: `https://container.googleapis.com/v1/${id}`,
      },
    };
  }
  if (ctx.type === "gcp:sql/databaseInstance:DatabaseInstance") {
    return {
      id: name,
      state: {
        name,
        connectionName: `${project}:${region}:${name}`,
        privateIpAddress: `10.${parseInt(hex(ctx.urn, 2), 16) % 255}.0.3`,
        selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${name}`,
        serverCaCerts: [
          { cert: `-----BEGIN CERTIFICATE-----\n${hex(ctx.urn, 64)}\n-----END CERTIFICATE-----` },
        ],
      },
    };
  }
  const scope = module === "compute" && COMPUTE_REGIONAL.has(kind) ? `regions/${region}` : "global";
  const collection = `${kind}s`;
  const id =
    module === "compute"
      ? `projects/${project}/${scope}/${collection}/${name}`
      : `projects/${project}/${collection}/${name}`;
  return {
    id,
    state: {
      name,
      project,
      ...(module === "compute" ? { selfLink: `https://www.googleapis.com/compute/v1/${id}` } : {}),
    },
  };
}

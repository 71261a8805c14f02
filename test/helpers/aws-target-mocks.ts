import * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi mocks for the AWS target's tests: realistic ids, ARNs and the computed outputs the
 * components read (EKS issuer, CA data, cluster security group, RDS master secret, launch
 * template version), a strict `call` that answers only the invokes the target uses, and a
 * recorder of every resource with its inputs and its resource options (protect, parent).
 */
/**
 * Provider inputs and outputs are deep, loosely typed bags; tests read them by path.
 */

export type Loose = any;

export const ACCOUNT = "111122223333";
export const REGION = "eu-west-1";
export const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** The physical id the mock assigned (custom resources only). */
  readonly id?: string;
  readonly inputs: Record<string, Loose>;
  readonly state: Record<string, Loose>;
  protect?: boolean;
  retainOnDelete?: boolean;
  parentName?: string;
  dependsOn?: string[];
}

const recorded = new Map<string, RecordedResource>();
const calls: string[] = [];
const created: pulumi.Resource[] = [];

function hex(name: string, length: number): string {
  let h = 0;
  for (const c of name) {
    h = (h * 31 + c.charCodeAt(0)) >>> 0;
  }
  return h.toString(16).padStart(8, "0").repeat(8).slice(0, length);
}

function keyUuid(name: string): string {
  const x = hex(name, 32);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Outputs a real provider would compute, per resource type. */
function computed(
  type: string,
  name: string,
  inputs: Record<string, Loose>,
): Record<string, Loose> {
  const physical =
    (inputs.name as string | undefined) ??
    (inputs.namePrefix !== undefined
      ? `${inputs.namePrefix}20261123000000000000000001`
      : `${name}-${hex(name, 7)}`);
  switch (type) {
    case "aws:kms/key:Key": {
      const keyId = keyUuid(name);
      return { keyId, arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}` };
    }
    case "aws:kms/alias:Alias":
      return { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:${inputs.name}` };
    case "aws:iam/role:Role":
      return {
        name: physical,
        arn: `arn:aws:iam::${ACCOUNT}:role/${physical}`,
        uniqueId: `AROA${hex(name, 17).toUpperCase()}`,
      };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return {
        arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`,
      };
    case "aws:iam/serviceLinkedRole:ServiceLinkedRole":
      return {
        name: "AWSServiceRoleForAutoScaling",
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
      };
    case "aws:eks/cluster:Cluster":
      return {
        arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${inputs.name}`,
        endpoint: `https://${hex(name, 32).toUpperCase()}.gr7.${REGION}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from(`ca-of-${inputs.name}`).toString("base64") },
        identities: [
          {
            oidcs: [
              {
                issuer: `https://oidc.eks.${REGION}.amazonaws.com/id/${hex(name, 32).toUpperCase()}`,
              },
            ],
          },
        ],
        vpcConfig: {
          ...inputs.vpcConfig,
          clusterSecurityGroupId: `sg-${hex(`${name}-cluster`, 17)}`,
        },
      };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return {
        latestVersion: 1,
        arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:launch-template/lt-${hex(name, 17)}`,
      };
    case "aws:rds/instance:Instance":
      return {
        address: `${inputs.identifier}.c${hex(name, 11)}.${REGION}.rds.amazonaws.com`,
        port: inputs.port ?? 5432,
        arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${inputs.identifier}`,
        masterUserSecrets: [
          {
            secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${keyUuid(name)}-AbCdEf`,
            kmsKeyId: inputs.masterUserSecretKmsKeyId,
            secretStatus: "active",
          },
        ],
      };
    case "aws:rds/subnetGroup:SubnetGroup":
    case "aws:rds/parameterGroup:ParameterGroup":
      return { name: physical, arn: `arn:aws:rds:${REGION}:${ACCOUNT}:x:${physical}` };
    case "aws:s3/bucket:Bucket":
      return {
        bucket: inputs.bucket ?? physical,
        arn: `arn:aws:s3:::${inputs.bucket ?? physical}`,
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { name: physical, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physical}` };
    default:
      return { arn: `arn:aws:mock:${REGION}:${ACCOUNT}:${type.split(":").pop()}/${physical}` };
  }
}

function idFor(type: string, name: string, inputs: Record<string, Loose>): string {
  if (type === "aws:s3/bucket:Bucket") {
    return String(inputs.bucket ?? name);
  }
  if (type === "aws:eks/cluster:Cluster") {
    return String(inputs.name);
  }
  if (type === "aws:rds/instance:Instance") {
    return String(inputs.identifier);
  }
  const prefix: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/eip:Eip": "eipalloc",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt",
    "aws:ec2/flowLog:FlowLog": "fl",
  };
  return prefix[type] ? `${prefix[type]}-${hex(name, 17)}` : `${name}-id`;
}

/** Installs the mocks (await in beforeAll, before importing anything that creates resources). */
export async function setAwsMocks(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = { ...args.inputs, ...computed(args.type, args.name, args.inputs) };
        const id = idFor(args.type, args.name, args.inputs);
        const key = `${args.type}::${args.name}`;
        const previous = recorded.get(key);
        recorded.set(key, {
          ...(previous ?? {}),
          type: args.type,
          name: args.name,
          id,
          inputs: args.inputs,
          state,
        });
        return { id, state };
      },
      call(args) {
        calls.push(args.token);
        switch (args.token) {
          case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
              accountId: ACCOUNT,
              arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/session`,
              userId: "AROAEXAMPLE:session",
              id: ACCOUNT,
            };
          case "aws:index/getAvailabilityZones:getAvailabilityZones":
            return {
              names: ZONES,
              zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"],
              id: REGION,
              groupNames: [REGION],
            };
          default:
            throw new Error(`Mock not implemented: ${args.token}`);
        }
      },
    },
    "enclave",
    "test",
    false,
  );
}

/**
 * Runs `program` as a stack, capturing resource options through a stack transformation, and
 * waits until every resource it registered has resolved.
 */
export async function runProgram<T>(
  program: () => T,
): Promise<{ result: T; resources: RecordedResource[]; calls: string[] }> {
  recorded.clear();
  calls.length = 0;
  created.length = 0;
  let result!: T;
  await pulumi.runtime.runInPulumiStack(async () => {
    pulumi.runtime.registerStackTransformation((args) => {
      created.push(args.resource);
      const key = `${args.type}::${args.name}`;
      const entry =
        recorded.get(key) ??
        ({ type: args.type, name: args.name, inputs: {}, state: {} } as RecordedResource);
      entry.protect = args.opts.protect === true;
      entry.retainOnDelete = args.opts.retainOnDelete === true;
      entry.parentName = (args.opts.parent as unknown as { __name?: string } | undefined)?.__name;
      entry.dependsOn = ([] as unknown[])
        .concat(args.opts.dependsOn ?? [])
        .map((d) => (d as { __name?: string }).__name ?? "?");
      recorded.set(key, entry);
      return undefined;
    });
    result = program();
    return {};
  });
  // Resolve every resource (and those their registration created) before reading the record.
  let settled = 0;
  while (settled < created.length) {
    const batch = created.slice(settled);
    settled = created.length;
    await Promise.all(batch.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { result, resources: [...recorded.values()], calls: [...calls] };
}

/** Resolves an Output (or plain value) in a test. */
export function resolve<T>(value: pulumi.Input<T> | undefined): Promise<T> {
  return new Promise((done) => pulumi.output(value as pulumi.Input<T>).apply((v) => done(v as T)));
}

export function ofType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function named(resources: RecordedResource[], type: string, name: string): RecordedResource {
  const found = resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = ofType(resources, type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; have: ${names.join(", ")}`);
  }
  return found;
}

/** Parses a JSON policy input (string) into an object. */
export function doc(value: unknown): { Version: string; Statement: Loose[] } {
  return typeof value === "string"
    ? JSON.parse(value)
    : (value as { Version: string; Statement: Loose[] });
}

export function statement(policy: unknown, sid: string): Loose {
  const s = doc(policy).Statement.find((x: Loose) => x.Sid === sid);
  if (!s) {
    throw new Error(`no statement ${sid} in ${JSON.stringify(policy)}`);
  }
  return s;
}

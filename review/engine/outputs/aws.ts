import { alnum, hex, uuid } from "../ids";
import { inputString, type ComputedState, type OutputContext, type OutputRule } from "./context";

/** Pulumi's auto-name: the logical name plus a 7-character random suffix. */
export function autoName(ctx: OutputContext, key = "name", separator = "-"): string {
  return inputString(ctx, key) ?? `${ctx.name}${separator}${hex(ctx.urn, 7, "autoname")}`;
}

const arn = (ctx: OutputContext, service: string, resource: string, regional = true) =>
  `arn:aws:${service}:${regional ? ctx.awsRegion : ""}:${ctx.awsAccountId}:${resource}`;

const ec2Id = (ctx: OutputContext, prefix: string) => `${prefix}-${hex(ctx.urn, 17, prefix)}`;

function ec2(
  prefix: string,
  kind: string,
  extra: (ctx: OutputContext, id: string) => Record<string, unknown> = () => ({}),
): OutputRule {
  return (ctx) => {
    const id = ec2Id(ctx, prefix);
    return {
      id,
      state: {
        id,
        arn: arn(ctx, "ec2", `${kind}/${id}`),
        ownerId: ctx.awsAccountId,
        ...extra(ctx, id),
      },
    };
  };
}

function bucketSideResource(ctx: OutputContext): ComputedState {
  const bucket = inputString(ctx, "bucket") ?? autoName(ctx);
  return { id: bucket, state: {} };
}

function bucket(ctx: OutputContext): ComputedState {
  const name =
    inputString(ctx, "bucket") ?? `${ctx.name}-${hex(ctx.urn, 7, "autoname")}`.toLowerCase();
  return {
    id: name,
    state: {
      bucket: name,
      arn: `arn:aws:s3:::${name}`,
      bucketDomainName: `${name}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${name}.s3.${ctx.awsRegion}.amazonaws.com`,
      region: ctx.awsRegion,
      hostedZoneId: "Z3AQBSTGFYJSTF",
    },
  };
}

function named(
  service: string,
  kind: (name: string, ctx: OutputContext) => string,
  key = "name",
): OutputRule {
  return (ctx) => {
    const name = autoName(ctx, key);
    return {
      id: name,
      state: { [key]: name, arn: arn(ctx, service, kind(name, ctx), service !== "iam") },
    };
  };
}

const rules: Record<string, OutputRule> = {
  "aws:kms/key:Key": (ctx) => {
    const id = uuid(ctx.urn);
    return { id, state: { keyId: id, arn: arn(ctx, "kms", `key/${id}`) } };
  },
  "aws:kms/alias:Alias": (ctx) => {
    const name = inputString(ctx, "name") ?? `alias/${ctx.name}-${hex(ctx.urn, 7)}`;
    const target = inputString(ctx, "targetKeyId") ?? "";
    return {
      id: name,
      state: {
        name,
        arn: arn(ctx, "kms", name),
        targetKeyArn: target.startsWith("arn:") ? target : arn(ctx, "kms", `key/${target}`),
      },
    };
  },
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:iam/role:Role": (ctx) => {
    const name = autoName(ctx);
    const path = inputString(ctx, "path") ?? "/";
    return {
      id: name,
      state: {
        name,
        arn: arn(ctx, "iam", `role${path}${name}`, false),
        uniqueId: `AROA${hex(ctx.urn, 17).toUpperCase()}`,
      },
    };
  },
  "aws:iam/policy:Policy": (ctx) => {
    const name = autoName(ctx);
    const a = arn(ctx, "iam", `policy${inputString(ctx, "path") ?? "/"}${name}`, false);
    return { id: a, state: { name, arn: a, policyId: `ANPA${hex(ctx.urn, 17).toUpperCase()}` } };
  },
  "aws:iam/instanceProfile:InstanceProfile": named("iam", (n) => `instance-profile/${n}`),
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (ctx) => {
    const url = (inputString(ctx, "url") ?? "").replace(/^https:\/\//, "");
    const a = arn(ctx, "iam", `oidc-provider/${url}`, false);
    return { id: a, state: { arn: a } };
  },
  "aws:ec2/vpc:Vpc": ec2("vpc", "vpc", (ctx) => ({
    defaultSecurityGroupId: ec2Id(ctx, "sg"),
    defaultNetworkAclId: ec2Id(ctx, "acl"),
    defaultRouteTableId: ec2Id(ctx, "rtb"),
    mainRouteTableId: ec2Id(ctx, "rtb"),
  })),
  "aws:ec2/subnet:Subnet": ec2("subnet", "subnet"),
  "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group"),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("sgr", "security-group-rule"),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("sgr", "security-group-rule"),
  "aws:ec2/securityGroupRule:SecurityGroupRule": ec2("sgrule", "security-group-rule"),
  "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
  "aws:ec2/natGateway:NatGateway": ec2("nat", "natgateway", (ctx) => ({
    privateIp: "10.0.0.10",
    publicIp: "198.18.0.10",
    networkInterfaceId: ec2Id(ctx, "eni"),
  })),
  "aws:ec2/eip:Eip": ec2("eipalloc", "elastic-ip", (ctx) => ({
    allocationId: ec2Id(ctx, "eipalloc"),
    publicIp: "198.18.0.10",
  })),
  "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
  "aws:ec2/route:Route": ec2("r", "route"),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2("rtbassoc", "route-table-association"),
  "aws:ec2/vpcEndpoint:VpcEndpoint": ec2("vpce", "vpc-endpoint", (ctx, id) => ({
    dnsEntries: [
      { dnsName: `${id}.${ctx.awsRegion}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" },
    ],
    prefixListId: `pl-${hex(ctx.urn, 8, "pl")}`,
    state: "available",
  })),
  "aws:ec2/flowLog:FlowLog": ec2("fl", "vpc-flow-log"),
  "aws:ec2/launchTemplate:LaunchTemplate": ec2("lt", "launch-template", () => ({
    latestVersion: 1,
    defaultVersion: 1,
  })),
  "aws:ec2/networkAcl:NetworkAcl": ec2("acl", "network-acl"),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("sg", "security-group"),
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ec2("acl", "network-acl"),
  "aws:eks/cluster:Cluster": (ctx) => {
    const name = autoName(ctx);
    const oidc = hex(ctx.urn, 32, "oidc").toUpperCase();
    const vpcConfig = (ctx.inputs["vpcConfig"] ?? {}) as Record<string, unknown>;
    return {
      id: name,
      state: {
        name,
        arn: arn(ctx, "eks", `cluster/${name}`),
        endpoint: `https://${hex(ctx.urn, 32, "endpoint").toUpperCase()}.gr7.${ctx.awsRegion}.eks.amazonaws.com`,
        certificateAuthority: {
          data: Buffer.from(
            `-----BEGIN CERTIFICATE-----\nMIIC${hex(ctx.urn, 60, "ca")}\n-----END CERTIFICATE-----\n`,
          ).toString("base64"),
        },
        identities: [
          { oidcs: [{ issuer: `https://oidc.eks.${ctx.awsRegion}.amazonaws.com/id/${oidc}` }] },
        ],
        vpcConfig: {
          ...vpcConfig,
          clusterSecurityGroupId: ec2Id(ctx, "sg"),
          vpcId: ec2Id(ctx, "vpc"),
        },
        platformVersion: "eks.1",
        status: "ACTIVE",
        version: ctx.inputs["version"] ?? "1.33",
        clusterId: uuid(ctx.urn),
      },
    };
  },
  "aws:eks/nodeGroup:NodeGroup": (ctx) => {
    const cluster = inputString(ctx, "clusterName") ?? "cluster";
    const name = autoName(ctx, "nodeGroupName");
    return {
      id: `${cluster}:${name}`,
      state: {
        nodeGroupName: name,
        arn: arn(ctx, "eks", `nodegroup/${cluster}/${name}/${uuid(ctx.urn)}`),
        status: "ACTIVE",
        resources: [{ autoscalingGroups: [{ name: `eks-${name}-${uuid(ctx.urn)}` }] }],
      },
    };
  },
  "aws:eks/addon:Addon": (ctx) => {
    const cluster = inputString(ctx, "clusterName") ?? "cluster";
    const addon = inputString(ctx, "addonName") ?? ctx.name;
    return {
      id: `${cluster}:${addon}`,
      state: {
        arn: arn(ctx, "eks", `addon/${cluster}/${addon}/${uuid(ctx.urn)}`),
        addonVersion: ctx.inputs["addonVersion"] ?? "v1.19.0-eksbuild.1",
      },
    };
  },
  "aws:eks/accessEntry:AccessEntry": (ctx) => {
    const cluster = inputString(ctx, "clusterName") ?? "cluster";
    return {
      id: `${cluster}:${inputString(ctx, "principalArn") ?? ctx.name}`,
      state: { accessEntryArn: arn(ctx, "eks", `access-entry/${cluster}/${uuid(ctx.urn)}`) },
    };
  },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": (ctx) => {
    const id = `a-${alnum(ctx.urn, 17)}`;
    return {
      id,
      state: {
        associationId: id,
        associationArn: arn(
          ctx,
          "eks",
          `podidentityassociation/${inputString(ctx, "clusterName") ?? "cluster"}/${id}`,
        ),
      },
    };
  },
  "aws:rds/instance:Instance": (ctx) => {
    const identifier = autoName(ctx, "identifier").toLowerCase();
    const address = `${identifier}.${alnum(ctx.urn, 12)}.${ctx.awsRegion}.rds.amazonaws.com`;
    const port = typeof ctx.inputs["port"] === "number" ? ctx.inputs["port"] : 5432;
    const managed = ctx.inputs["manageMasterUserPassword"] === true;
    const keyId =
      inputString(ctx, "masterUserSecretKmsKeyId") ?? arn(ctx, "kms", `alias/aws/secretsmanager`);
    return {
      id: identifier,
      state: {
        identifier,
        arn: arn(ctx, "rds", `db:${identifier}`),
        address,
        endpoint: `${address}:${port}`,
        port,
        resourceId: `db-${hex(ctx.urn, 26).toUpperCase()}`,
        hostedZoneId: "Z2R2ITUGPM61AM",
        status: "available",
        masterUserSecrets: managed
          ? [
              {
                kmsKeyId: keyId,
                secretArn: arn(
                  ctx,
                  "secretsmanager",
                  `secret:rds!db-${uuid(ctx.urn)}-${alnum(ctx.urn, 6)}`,
                ),
                secretStatus: "active",
              },
            ]
          : [],
      },
    };
  },
  "aws:rds/subnetGroup:SubnetGroup": named("rds", (n) => `subgrp:${n}`),
  "aws:rds/parameterGroup:ParameterGroup": named("rds", (n) => `pg:${n}`),
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": named("rds", (n) => `cluster-pg:${n}`),
  "aws:backup/vault:Vault": named("backup", (n) => `backup-vault:${n}`),
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": (ctx) => {
    const vault = inputString(ctx, "backupVaultName") ?? ctx.name;
    return {
      id: vault,
      state: {
        backupVaultName: vault,
        backupVaultArn: arn(ctx, "backup", `backup-vault:${vault}`),
      },
    };
  },
  "aws:backup/plan:Plan": (ctx) => {
    const id = uuid(ctx.urn);
    return {
      id,
      state: {
        name: autoName(ctx),
        arn: arn(ctx, "backup", `backup-plan:${id}`),
        version: alnum(ctx.urn, 32, "version"),
      },
    };
  },
  "aws:backup/selection:Selection": (ctx) => ({ id: uuid(ctx.urn), state: {} }),
  "aws:cloudwatch/logGroup:LogGroup": (ctx) => {
    const name = autoName(ctx);
    return { id: name, state: { name, arn: arn(ctx, "logs", `log-group:${name}`) } };
  },
  "aws:secretsmanager/secret:Secret": (ctx) => {
    const name = autoName(ctx);
    const a = arn(ctx, "secretsmanager", `secret:${name}-${alnum(ctx.urn, 6)}`);
    return { id: a, state: { name, arn: a } };
  },
  "aws:wafv2/ipSet:IpSet": (ctx) => {
    const name = autoName(ctx);
    const id = uuid(ctx.urn);
    return { id, state: { name, arn: arn(ctx, "wafv2", `regional/ipset/${name}/${id}`) } };
  },
  "aws:wafv2/webAcl:WebAcl": (ctx) => {
    const name = autoName(ctx);
    const id = uuid(ctx.urn);
    return { id, state: { name, arn: arn(ctx, "wafv2", `regional/webacl/${name}/${id}`) } };
  },
  "aws:acm/certificate:Certificate": (ctx) => {
    const a = arn(ctx, "acm", `certificate/${uuid(ctx.urn)}`);
    return { id: a, state: { arn: a, status: "ISSUED" } };
  },
  "aws:ecr/repository:Repository": (ctx) => {
    const name = autoName(ctx);
    return {
      id: name,
      state: {
        name,
        arn: arn(ctx, "ecr", `repository/${name}`),
        registryId: ctx.awsAccountId,
        repositoryUrl: `${ctx.awsAccountId}.dkr.ecr.${ctx.awsRegion}.amazonaws.com/${name}`,
      },
    };
  },
};

/** Types whose id is the bucket they configure (the split S3 resources of aws v6+). */
const BUCKET_SIDE = /^aws:s3\/bucket[A-Za-z0-9]*:Bucket[A-Za-z0-9]+$/;

export function awsOutputs(ctx: OutputContext): ComputedState {
  const rule = rules[ctx.type];
  if (rule) {
    return rule(ctx);
  }
  if (BUCKET_SIDE.test(ctx.type)) {
    return bucketSideResource(ctx);
  }
  // Any other AWS resource: an auto-named id and an ARN in the service's namespace.
  const [, module = "aws", kind = "resource"] = /^aws:([^/]+)\/([^:]+):/.exec(ctx.type) ?? [];
  const name = autoName(ctx);
  return { id: name, state: { arn: arn(ctx, module, `${kind}/${name}`) } };
}

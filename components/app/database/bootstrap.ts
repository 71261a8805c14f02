import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformDatabase } from "../../shared/platform";
import { UIDS } from "../defaults";
import {
  fromSecret,
  literal,
  readOnlyMount,
  resources,
  restrictedContainer,
  hardenedJob,
  scratchVolume,
  selectorLabels,
  workloadLabels,
  type Sizing,
} from "../pod";
import { BOOTSTRAP_SCRIPT } from "./bootstrap.py";

export const DATABASE_CA_CONFIGMAP = "database-ca";
export const DATABASE_CA_PATH = "/etc/enclave/db-ca/ca.pem";

/** One application's database: role, password and database name. */
export interface AppDatabase {
  readonly app: "keycloak" | "diffgram";
  readonly name: string;
  readonly username: string;
  readonly password: pulumi.Input<string>;
}

/** Database and role names per tenant, so tenants can share a server without sharing names. */
export function appDatabases(tenant: string): { keycloak: string; diffgram: string } {
  const suffix = tenant.replace(/-/g, "_");
  return { keycloak: `keycloak_${suffix}`, diffgram: `diffgram_${suffix}` };
}

export interface DatabaseBootstrapArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly database: PlatformDatabase;
  readonly apps: readonly AppDatabase[];
  /** Diffgram's `default` image: Python with psycopg2, boto3 and google-auth. */
  readonly image: string;
  /** Annotations binding the job's service account to the cloud identity that reads the secret. */
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  readonly sizing: Sizing;
}

/** The Kubernetes Secret (in the tenant namespace) that holds one app's database login. */
export const appDbSecretName = (app: AppDatabase["app"]) => `${app}-db`;

/**
 * Names of a tenant's bootstrap objects in a platform-owned namespace (PlatformDatabase.bootstrap),
 * which holds every tenant's: each carries the tenant, so two tenants' never collide (and a second
 * stack of the same tenant fails to create them instead of taking them over).
 */
export function bootstrapNamesIn(tenant: string) {
  return {
    script: `database-bootstrap-${tenant}`,
    ca: `database-ca-${tenant}`,
    appSecret: (app: AppDatabase["app"]) => `${tenant}-${app}-db`,
  };
}

/**
 * Creates each application's database and role on the Platform's PostgreSQL, with the
 * administrator's credentials read where the Platform keeps them (cloud secret store through the
 * job's cloud identity, or a Kubernetes Secret copied into the tenant namespace). The Job runs once
 * per change; the apps that need the databases depend on it. With PlatformDatabase.bootstrap the
 * Job runs in the platform's namespace with the platform's service account (a shared server: no
 * tenant's pod may read its administrator's credentials); the tenant namespace keeps only the CA
 * and the apps' own logins.
 */
export class DatabaseBootstrap extends pulumi.ComponentResource {
  public readonly job: k8s.batch.v1.Job;
  public readonly caConfigMapName: string = DATABASE_CA_CONFIGMAP;

  constructor(name: string, args: DatabaseBootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:DatabaseBootstrap", name, {}, opts);
    const workload = "database-bootstrap";
    const labels = workloadLabels(args.tenant, workload);
    const admin = args.database.adminCredentials;
    // Where the Job runs: the tenant namespace, or the platform's (PlatformDatabase.bootstrap).
    const placement = args.database.bootstrap;
    const jobNamespace = placement?.namespace ?? args.namespace;
    const jobNames = placement
      ? bootstrapNamesIn(args.tenant)
      : { script: workload, ca: DATABASE_CA_CONFIGMAP, appSecret: appDbSecretName };

    const caConfigMap = new k8s.core.v1.ConfigMap(
      `${name}-ca`,
      {
        metadata: { name: DATABASE_CA_CONFIGMAP, namespace: args.namespace, labels },
        data: { "ca.pem": args.database.caBundlePem },
      },
      { parent: this },
    );
    const appSecrets = args.apps.map(
      (a) =>
        new k8s.core.v1.Secret(
          `${name}-${a.app}`,
          {
            metadata: {
              name: appDbSecretName(a.app),
              namespace: args.namespace,
              labels: workloadLabels(args.tenant, a.app),
            },
            type: "Opaque",
            stringData: {
              username: a.username,
              password: pulumi.secret(a.password),
              database: a.name,
            },
          },
          { parent: this },
        ),
    );
    const script = new k8s.core.v1.ConfigMap(
      `${name}-script`,
      {
        metadata: { name: jobNames.script, namespace: jobNamespace, labels },
        data: { "bootstrap.py": BOOTSTRAP_SCRIPT },
      },
      { parent: this },
    );
    // In the platform's namespace, the Job reads its own copies of the CA and of the apps' logins.
    const jobInputs: pulumi.Resource[] = placement
      ? [
          new k8s.core.v1.ConfigMap(
            `${name}-job-ca`,
            {
              metadata: { name: jobNames.ca, namespace: jobNamespace, labels },
              data: { "ca.pem": args.database.caBundlePem },
            },
            { parent: this },
          ),
          ...args.apps.map(
            (a) =>
              new k8s.core.v1.Secret(
                `${name}-job-${a.app}`,
                {
                  metadata: {
                    name: jobNames.appSecret(a.app),
                    namespace: jobNamespace,
                    labels: workloadLabels(args.tenant, a.app),
                  },
                  type: "Opaque",
                  stringData: {
                    username: a.username,
                    password: pulumi.secret(a.password),
                    database: a.name,
                  },
                },
                { parent: this },
              ),
          ),
        ]
      : [];

    // Where the administrator's credentials come from.
    const adminEnv: k8s.types.input.core.v1.EnvVar[] = [
      literal("ADMIN_CREDENTIALS_KIND", admin.kind),
    ];
    const adminDeps: pulumi.Resource[] = [];
    if (admin.kind === "kubernetes-secret" && placement) {
      // The platform's namespace holds the administrator's Secret itself: no copy.
      if (admin.namespace !== placement.namespace) {
        throw new pulumi.ResourceError(
          `DatabaseBootstrap ${name}: the administrator's Secret is in namespace ${admin.namespace}, but the Job runs in ${placement.namespace}. Fix: the target must keep that Secret in the bootstrap namespace`,
          this,
        );
      }
      adminEnv.push(fromSecret("ADMIN_USERNAME", admin.secretName, "username"));
      adminEnv.push(fromSecret("ADMIN_PASSWORD", admin.secretName, "password"));
    } else if (admin.kind === "kubernetes-secret") {
      const source = k8s.core.v1.Secret.get(
        `${name}-admin-source`,
        `${admin.namespace}/${admin.secretName}`,
        {
          parent: this,
        },
      );
      const copy = new k8s.core.v1.Secret(
        `${name}-admin`,
        {
          metadata: { name: "database-admin", namespace: args.namespace, labels },
          type: "Opaque",
          data: pulumi.secret(
            source.data.apply((d) => ({
              username: d?.["username"] ?? "",
              password: d?.["password"] ?? "",
            })),
          ),
        },
        { parent: this },
      );
      adminDeps.push(copy);
      adminEnv.push(fromSecret("ADMIN_USERNAME", "database-admin", "username"));
      adminEnv.push(fromSecret("ADMIN_PASSWORD", "database-admin", "password"));
    } else {
      adminEnv.push({
        name: "ADMIN_SECRET_ID",
        value: admin.kind === "aws-secrets-manager" ? admin.secretArn : admin.secretId,
      });
    }

    // The platform's namespace brings its own service account (with the identity that reads the
    // administrator's secret); otherwise the Job gets one here, bound by the layer.
    const sa = placement
      ? undefined
      : new k8s.core.v1.ServiceAccount(
          `${name}-sa`,
          {
            metadata: {
              name: workload,
              namespace: args.namespace,
              labels,
              annotations: args.serviceAccountAnnotations,
            },
            automountServiceAccountToken: false,
          },
          { parent: this },
        );

    const appEnv = args.apps.flatMap((a) => {
      const prefix = a.app.toUpperCase();
      const secretName = jobNames.appSecret(a.app);
      return [
        fromSecret(`${prefix}_DB_USERNAME`, secretName, "username"),
        fromSecret(`${prefix}_DB_PASSWORD`, secretName, "password"),
        fromSecret(`${prefix}_DB_NAME`, secretName, "database"),
      ];
    });

    // In the platform's namespace the Job's (generated) name carries the tenant.
    this.job = new k8s.batch.v1.Job(
      placement ? `${name}-${args.tenant}-job` : `${name}-job`,
      hardenedJob({
        namespace: jobNamespace,
        labels,
        selector: selectorLabels(args.tenant, workload),
        backoffLimit: 6,
        activeDeadlineSeconds: 900,
        // No Kubernetes API token: IRSA projects its own web-identity token, GKE Workload
        // Identity answers on the metadata server, and a Kubernetes Secret needs none.
        serviceAccountName: sa ? sa.metadata.name : placement!.serviceAccountName,
        uid: UIDS.diffgram,
        pod: {
          containers: [
            {
              name: "bootstrap",
              image: args.image,
              command: ["python3", "/etc/enclave/bootstrap/bootstrap.py"],
              env: [
                ...adminEnv,
                { name: "PGHOST", value: args.database.host },
                { name: "PGPORT", value: pulumi.output(args.database.port).apply(String) },
                literal("PGSSLMODE", args.database.sslMode),
                literal("PGSSLROOTCERT", DATABASE_CA_PATH),
                literal("APPS", args.apps.map((a) => a.app).join(",")),
                ...appEnv,
                literal("HOME", "/tmp"),
                literal("PYTHONDONTWRITEBYTECODE", "1"),
              ],
              resources: resources(args.sizing),
              securityContext: restrictedContainer(UIDS.diffgram),
              volumeMounts: [
                readOnlyMount("script", "/etc/enclave/bootstrap"),
                readOnlyMount("db-ca", "/etc/enclave/db-ca"),
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "script", configMap: { name: script.metadata.name, defaultMode: 0o444 } },
            { name: "db-ca", configMap: { name: jobNames.ca, defaultMode: 0o444 } },
            scratchVolume("tmp", "64Mi"),
          ],
        },
      }),
      {
        parent: this,
        dependsOn: [
          caConfigMap,
          script,
          ...(sa ? [sa] : []),
          ...appSecrets,
          ...jobInputs,
          ...adminDeps,
        ],
      },
    );
    this.registerOutputs({ job: this.job.metadata.name });
  }
}

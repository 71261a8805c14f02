import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { throwIfProblems } from "../shared/problems";
import { admissionPolicy } from "./admission";
import type { PrivateClusterArgs } from "./args";
import { clusterInputs, workloadPool } from "./clusterInputs";
import { gkeKubeconfig } from "./kubeconfig";
import { nodeAccount } from "./nodeAccount";
import { nodeConfig, nodePool } from "./nodes";
import { validateClusterArgs } from "./validate";

/**
 * A private, regional GKE Standard cluster on the stack's VPC (see clusterInputs.ts for every
 * setting), one hardened node pool running as a dedicated least-privilege service account, and
 * the project's Binary Authorization policy admitting only the stack's image repositories.
 * Protected, with deletion protection at the API too. Keys are granted by the tenant key ring
 * (`keyGrants`), never here.
 */
export class PrivateCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  /** `projects/<p>/locations/<region>/clusters/<name>`. */
  public readonly clusterId: pulumi.Output<string>;
  /** The control plane's address: private unless the public endpoint is on. */
  public readonly endpoint: pulumi.Output<string>;
  /** Base64 PEM of the cluster CA. */
  public readonly caCertificate: pulumi.Output<string>;
  /** kubeconfig (JSON) authenticating through gke-gcloud-auth-plugin; holds no credential. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** Provider for the Kubernetes layer; waits for the nodes and the admission policy. */
  public readonly provider: k8s.Provider;
  /** `<project>.svc.id.goog`: the pool Kubernetes service accounts federate through. */
  public readonly workloadIdentityPool: string;
  public readonly nodeServiceAccountEmail: pulumi.Output<string>;

  constructor(name: string, args: PrivateClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:gcp:PrivateCluster", name, {}, opts);
    throwIfProblems("PrivateCluster", name, validateClusterArgs(args), this);
    const parent = { parent: this };

    const nodes = nodeAccount(
      name,
      { project: args.project, accountId: args.nodeAccountId, imagePull: args.imagePull },
      parent,
    );
    const admission = admissionPolicy(
      `${name}-admission`,
      args.project,
      args.admittedImages,
      parent,
    );
    const config = nodeConfig({
      settings: args.nodes,
      serviceAccountEmail: nodes.account.email,
      volumesKey: args.keys.volumes,
      labels: args.labels,
    });
    const waitFor = [...args.keyGrants, ...nodes.grants];
    const cluster = new gcp.container.Cluster(`${name}-gke`, clusterInputs(args, config), {
      parent: this,
      protect: true,
      dependsOn: [...waitFor, admission],
      // The default pool is deleted once created: its settings and size no longer exist to change.
      ignoreChanges: ["nodeConfig", "initialNodeCount"],
    });
    const pool = nodePool(
      `${name}-pool`,
      {
        project: args.project,
        location: args.location,
        clusterId: cluster.id,
        settings: args.nodes,
        config,
      },
      { parent: this, dependsOn: waitFor },
    );

    this.clusterName = cluster.name;
    this.clusterId = cluster.id;
    this.endpoint = cluster.endpoint;
    this.caCertificate = cluster.masterAuth.clusterCaCertificate;
    this.kubeconfig = gkeKubeconfig({
      project: args.project,
      location: args.location,
      clusterName: cluster.name,
      endpoint: cluster.endpoint,
      caCertificate: this.caCertificate,
    });
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig },
      { parent: this, dependsOn: [pool, admission] },
    );
    this.workloadIdentityPool = workloadPool(args.project);
    this.nodeServiceAccountEmail = nodes.account.email;
    this.registerOutputs({
      clusterName: this.clusterName,
      clusterId: this.clusterId,
      endpoint: this.endpoint,
      caCertificate: this.caCertificate,
      kubeconfig: this.kubeconfig,
      workloadIdentityPool: this.workloadIdentityPool,
      nodeServiceAccountEmail: this.nodeServiceAccountEmail,
    });
  }
}

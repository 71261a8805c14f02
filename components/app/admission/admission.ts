import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { workloadLabels } from "../pod";
import {
  networkPolicyValidations,
  podValidations,
  repositoryOf,
  type CelValidation,
} from "./rules";

export interface TenantAdmissionArgs {
  /** The tenant namespace (its name, known before deployment). */
  readonly namespace: string;
  readonly tenant: string;
  /** Every image reference the stack runs: their repositories are the only ones admitted. */
  readonly images: readonly string[];
  /** Prefix of the policies' names; default `enclave-<tenant>` (one set per namespace). */
  readonly policyPrefix?: string;
}

/** Secure defaults of the admission policies, in one place. */
export const ADMISSION_DEFAULTS = {
  /** An API server that cannot evaluate a rule refuses the request. */
  failurePolicy: "Fail",
  /** Refuse, and record in the audit log. */
  validationActions: ["Deny", "Audit"],
} as const;

/**
 * ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1, Kubernetes 1.30 and later) bound to
 * the tenant namespace: pods only with pinned images from the stack's repositories and no
 * privileged or host access, whatever the namespace's PSA labels say; and no service account of
 * the namespace may change its NetworkPolicies. Cluster-scoped objects, named after the tenant so
 * tenants sharing a cluster each keep their own.
 */
export class TenantAdmission extends pulumi.ComponentResource {
  public readonly policyNames: string[];

  constructor(name: string, args: TenantAdmissionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("enclave:kubernetes:TenantAdmission", name, {}, opts);
    const labels = workloadLabels(args.tenant, "admission");
    const inNamespace = {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": args.namespace } },
    };
    const policy = (
      suffix: string,
      rules: k8s.types.input.admissionregistration.v1.NamedRuleWithOperations[],
      validations: CelValidation[],
    ) => {
      const policyName = `${args.policyPrefix ?? `enclave-${args.tenant}`}-${suffix}`;
      const created = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
        `${name}-${suffix}`,
        {
          metadata: { name: policyName, labels },
          spec: {
            failurePolicy: ADMISSION_DEFAULTS.failurePolicy,
            matchConstraints: { resourceRules: rules, ...inNamespace },
            validations: validations.map((v) => ({ ...v })),
          },
        },
        { parent: this },
      );
      new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
        `${name}-${suffix}-binding`,
        {
          metadata: { name: policyName, labels },
          spec: {
            policyName: created.metadata.name,
            validationActions: [...ADMISSION_DEFAULTS.validationActions],
            matchResources: inNamespace,
          },
        },
        { parent: this },
      );
      return policyName;
    };
    const repositories = args.images.map(repositoryOf);
    this.policyNames = [
      policy(
        "pods",
        [
          {
            apiGroups: [""],
            apiVersions: ["v1"],
            operations: ["CREATE", "UPDATE"],
            resources: ["pods", "pods/ephemeralcontainers"],
          },
        ],
        podValidations(repositories),
      ),
      policy(
        "network-policies",
        [
          {
            apiGroups: ["networking.k8s.io"],
            apiVersions: ["v1"],
            operations: ["CREATE", "UPDATE", "DELETE"],
            resources: ["networkpolicies"],
          },
        ],
        networkPolicyValidations(args.namespace),
      ),
    ];
    this.registerOutputs({ policyNames: this.policyNames });
  }
}

import { stackPolicy } from "../../lib/define";
import { cisEks } from "../../lib/aws/common";
import { ADMIN_ACCESS_POLICIES, accessPolicyName, breakGlassMarks } from "../../lib/aws/eks-access";
import { globMatch } from "../../lib/aws/iam";
import { get, str, strings } from "../../lib/props";
import { forEachKnown, ofTypes } from "../../lib/stack";

interface Config {
  readonly breakGlassPrincipalArns: string[];
}

export default stackPolicy<Config>({
  name: "aws-eks-accesspolicyassociation-restrict-cluster-admin",
  description:
    'An EKS access-policy association must grant AmazonEKSClusterAdminPolicy or AmazonEKSAdminPolicy with cluster scope only to a break-glass principal: one whose IAM role or user, or whose access entry, is tagged `enclave:break-glass: "true"`, or whose ARN matches the breakGlassPrincipalArns parameter. Day-to-day access that is cluster-admin makes every operator session able to read every Secret and change every workload of every tenant.',
  severity: "high",
  remediation:
    'Give day-to-day principals an access entry with kubernetesGroups bound to a namespaced Role (or an association with accessScope { type: "namespace", namespaces: [...] } and AmazonEKSViewPolicy/AmazonEKSEditPolicy). Keep cluster-wide admin for a break-glass role trusted by named principals with MFA, and tag that role or its access entry enclave:break-glass=true (or list its ARN in breakGlassPrincipalArns).',
  controls: { nist: ["AC-6(5)", "AC-2", "IA-2(1)", "AC-6"], cis: cisEks("4.1.1", "5.5.1") },
  concern: "least-privilege",
  resourceTypes: ["aws:eks/accessPolicyAssociation:AccessPolicyAssociation"],
  configSchema: {
    properties: {
      breakGlassPrincipalArns: {
        type: "array",
        items: { type: "string" },
        default: [],
        description:
          "ARN patterns (IAM globs, `*` and `?`) of principals that are break-glass though the stack does not tag them, e.g. roles created outside the stack.",
      },
    },
  },
  check(resources, report, config) {
    const patterns = strings(config.breakGlassPrincipalArns);
    const marks = breakGlassMarks(resources);
    const associations = ofTypes(resources, [
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    ]);
    forEachKnown(associations, (a) => {
      const policy = accessPolicyName(str(a.props.policyArn) ?? "");
      const scope = str(get(a.props, "accessScope.type"));
      const principal = str(a.props.principalArn);
      if (!policy || !ADMIN_ACCESS_POLICIES.includes(policy) || scope === "namespace") {
        return;
      }
      const referenced = a.propertyDependencies?.["principalArn"] ?? [];
      const breakGlass =
        (principal !== undefined &&
          (marks.arns.has(principal) || patterns.some((p) => globMatch(p, principal)))) ||
        referenced.some((r) => marks.urns.has(r.urn));
      if (breakGlass || marks.uncertain || principal === undefined) {
        return;
      }
      report(
        `Access policy association "${a.name}" grants ${policy} cluster-wide to ${principal}, which is not marked break-glass. Give day-to-day access a namespace-scoped entry; tag the break-glass role or its access entry enclave:break-glass=true, or list it in breakGlassPrincipalArns.`,
        a.urn,
      );
    });
  },
});

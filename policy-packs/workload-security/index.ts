// The pack's entry point only constructs the PolicyPack (which starts the analyzer server);
// the policies live in ../policies and are imported by tests without starting anything.
import { PolicyPack } from "@pulumi/policy";
import { policiesForPack } from "../policies";

new PolicyPack("enclave-workload-security", {
  description:
    "Kubernetes workloads meet the Pod Security Standards and pull only pinned, allowed images.",
  provider: "aws, gcp, kubernetes",
  enforcementLevel: "mandatory",
  policies: policiesForPack("workload-security"),
});

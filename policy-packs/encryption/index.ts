// The pack's entry point only constructs the PolicyPack (which starts the analyzer server);
// the policies live in ../policies and are imported by tests without starting anything.
import { PolicyPack } from "@pulumi/policy";
import { policiesForPack } from "../policies";

new PolicyPack("enclave-encryption", {
  description: "Data at rest and in transit is encrypted with customer-managed keys.",
  provider: "aws, gcp, kubernetes",
  enforcementLevel: "mandatory",
  policies: policiesForPack("encryption"),
});

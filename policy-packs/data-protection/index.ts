// The pack's entry point only constructs the PolicyPack (which starts the analyzer server);
// the policies live in ../policies and are imported by tests without starting anything.
import { PolicyPack } from "@pulumi/policy";
import { policiesForPack } from "../policies";

new PolicyPack("enclave-data-protection", {
  description: "Stateful resources are protected against deletion and loss.",
  provider: "aws, gcp, kubernetes",
  enforcementLevel: "mandatory",
  policies: policiesForPack("data-protection"),
});

// The pack's entry point only constructs the PolicyPack (which starts the analyzer server);
// the policies live in ../policies and are imported by tests without starting anything.
import { PolicyPack } from "@pulumi/policy";
import { policiesForPack } from "../policies";

new PolicyPack("enclave-least-privilege", {
  description: "Identities, roles and networks grant only what the platform needs.",
  provider: "aws, gcp, kubernetes",
  enforcementLevel: "mandatory",
  policies: policiesForPack("least-privilege"),
});

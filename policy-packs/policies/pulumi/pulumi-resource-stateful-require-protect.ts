import { resourcePolicy } from "../../lib/define";
import { STATEFUL_TYPES, statefulEntry } from "../../lib/stateful";

export default resourcePolicy({
  name: "pulumi-resource-stateful-require-protect",
  description:
    "Resources that hold data (keys, buckets, disks, databases, secrets, Kubernetes clusters and claims; see STATEFUL_TYPES in policy-packs/lib/stateful.ts) must carry Pulumi's protect option. The engine then refuses to delete or replace them, so a refactoring, a renamed resource or a property that forces replacement cannot destroy tenant data; removing them takes an explicit, reviewable change.",
  severity: "high",
  remediation:
    "Pass { protect: true } in the resource options of every stateful resource (in enclave components, through the component's protect switch). To decommission one on purpose, first set protect: false in a reviewed change (or run `pulumi state unprotect`), then delete it.",
  controls: { nist: ["CM-3", "CP-10", "SI-12"] },
  concern: "data-protection",
  resourceTypes: STATEFUL_TYPES.map((t) => t.type),
  check({ type, props, opts }, report) {
    if (opts.protect === true) {
      return;
    }
    const entry = statefulEntry(type, props);
    if (entry) {
      report(
        `This resource holds ${entry.holds}, but it is not protected, so a delete or a replacement would destroy it. Set the resource option protect: true.`,
      );
    }
  },
});

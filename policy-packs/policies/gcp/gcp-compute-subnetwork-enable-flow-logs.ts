import { resourcePolicy } from "../../lib/define";
import { cisGcp } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { num, rec, str } from "../../lib/props";

interface Config {
  readonly minimumFlowSampling: number;
}

/** Subnet purposes Cloud VPC cannot log flows for (proxy-only and Private Service Connect). */
const WITHOUT_FLOW_LOGS = new Set([
  "REGIONAL_MANAGED_PROXY",
  "GLOBAL_MANAGED_PROXY",
  "INTERNAL_HTTPS_LOAD_BALANCER",
  "PRIVATE_SERVICE_CONNECT",
]);

/** Cloud VPC samples half of the flows when logConfig sets no flowSampling. */
const DEFAULT_SAMPLING = 0.5;

export default resourcePolicy<Config>({
  name: "gcp-compute-subnetwork-enable-flow-logs",
  description:
    "VPC subnets must record flow logs (logConfig), sampling at least the configured share of flows (half by default) with their metadata. Without them nobody can tell, after an incident, which workload talked to which address, or see exfiltration and lateral movement inside the VPC.",
  severity: "medium",
  remediation:
    'Set logConfig on the subnetwork, e.g. { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" }.',
  controls: { nist: ["AU-2", "AU-12", "SI-4"], cis: cisGcp("3.8") },
  concern: "network-exposure",
  resourceTypes: [GCP.subnetwork],
  configSchema: {
    properties: {
      minimumFlowSampling: {
        type: "number",
        minimum: 0,
        maximum: 1,
        default: DEFAULT_SAMPLING,
        description: "Lowest flowSampling accepted (0 to 1; Cloud VPC samples 0.5 when unset).",
      },
    },
  },
  check({ props }, report, config) {
    const purpose = str(props.purpose)?.trim().toUpperCase() ?? "PRIVATE";
    if (WITHOUT_FLOW_LOGS.has(purpose)) {
      return;
    }
    if (props.logConfig === undefined || props.logConfig === null) {
      report(
        "logConfig is not set, so the subnet records no flow logs. Set logConfig (flowSampling 1, metadata INCLUDE_ALL_METADATA).",
      );
      return;
    }
    const log = rec(props.logConfig);
    const minimum = num(config.minimumFlowSampling) ?? DEFAULT_SAMPLING;
    const sampling = log.flowSampling === undefined ? DEFAULT_SAMPLING : num(log.flowSampling);
    if (sampling === undefined || sampling < minimum) {
      report(
        `logConfig.flowSampling is ${JSON.stringify(log.flowSampling)}, below ${minimum}, so most flows go unrecorded. Set it to at least ${minimum} (1 records every flow).`,
      );
    }
    if (str(log.metadata)?.trim().toUpperCase() === "EXCLUDE_ALL_METADATA") {
      report(
        'logConfig.metadata is "EXCLUDE_ALL_METADATA", so the flow logs do not say which VM, pod or service a flow belongs to. Set it to "INCLUDE_ALL_METADATA".',
      );
    }
  },
});

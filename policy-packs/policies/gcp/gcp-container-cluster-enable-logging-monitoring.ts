import { resourcePolicy } from "../../lib/define";
import { cisGke } from "../../lib/gcp/describe";
import { GCP } from "../../lib/gcp/types";
import { get, str, strings } from "../../lib/props";

const isNone = (v: unknown) => str(v)?.trim().toLowerCase() === "none";

export default resourcePolicy({
  name: "gcp-container-cluster-enable-logging-monitoring",
  description:
    "GKE clusters must send system logs and metrics to Cloud Logging and Cloud Monitoring. Without them, incidents on the cluster, such as failing nodes, crashing system components or suspicious workload behaviour, leave no record to investigate.",
  severity: "medium",
  remediation:
    "Leave loggingService and monitoringService unset (or set them to logging.googleapis.com/kubernetes and monitoring.googleapis.com/kubernetes); if loggingConfig.enableComponents is set, include SYSTEM_COMPONENTS (and APISERVER for control-plane logs); do not set monitoringConfig.enableComponents to an empty list.",
  controls: { nist: ["AU-2", "AU-12", "SI-4"], cis: cisGke("5.7.1") },
  concern: "data-protection",
  resourceTypes: [GCP.cluster],
  check({ props }, report) {
    if (isNone(props.loggingService)) {
      report(
        'loggingService is "none", so the cluster\'s logs are not collected. Set it to "logging.googleapis.com/kubernetes".',
      );
    }
    if (isNone(props.monitoringService)) {
      report(
        'monitoringService is "none", so the cluster\'s metrics are not collected. Set it to "monitoring.googleapis.com/kubernetes".',
      );
    }
    const logging = get(props, "loggingConfig.enableComponents");
    if (
      Array.isArray(logging) &&
      !strings(logging).some((c) => c.trim().toUpperCase() === "SYSTEM_COMPONENTS")
    ) {
      report(
        "loggingConfig.enableComponents does not include SYSTEM_COMPONENTS, so system component logs are not collected. Add it.",
      );
    }
    const monitoring = get(props, "monitoringConfig.enableComponents");
    if (Array.isArray(monitoring) && monitoring.length === 0) {
      report(
        "monitoringConfig.enableComponents is empty, so no cluster metrics are collected. List at least SYSTEM_COMPONENTS.",
      );
    }
  },
});

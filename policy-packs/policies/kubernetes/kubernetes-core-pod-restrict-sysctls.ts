import { arr, get, rec, str } from "../../lib/props";
import { podPolicy } from "../../lib/kubernetes/pod-policy";

/** Namespaced sysctls the baseline allows (Kubernetes 1.32+ list). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
]);

/** Pod Security Standards, baseline "Sysctls". */
export default podPolicy({
  name: "kubernetes-core-pod-restrict-sysctls",
  description:
    "Pods may set only the safe, namespaced sysctls the Pod Security Standards allow (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem). Other sysctls can disable security mechanisms or affect every pod on the node.",
  severity: "medium",
  remediation:
    "Remove every other entry from spec.securityContext.sysctls; node-wide kernel tuning belongs to the node configuration, not to a workload.",
  controls: { nist: ["CM-7", "SC-39"] },
  concern: "workload-security",
  check(pod, report) {
    const unsafe = arr(get(pod.securityContext, "sysctls"))
      .map((s) => str(rec(s).name) ?? "")
      .filter((name) => !SAFE_SYSCTLS.has(name))
      .map((name) => name || "(unnamed)");
    if (unsafe.length > 0) {
      report(`the pod sets sysctls outside the safe set: ${unsafe.join(", ")}`);
    }
  },
});

import { isCidrProblem, isPrivateRange, parseCidr } from "../../shared/cidr";
import type { Problem } from "../../shared/problems";
import { validateAuthorizedNetworks } from "../network/validate";
import { validateAdmittedImages } from "./admission";
import type { MaintenanceWindow, PrivateClusterArgs } from "./args";
import { RELEASE_CHANNELS, SECURITY_POSTURE_MODES, type NodePoolSettings } from "./defaults";

const CLUSTER_NAME = /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const ACCOUNT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const HOUR_MS = 60 * 60 * 1000;

function maintenanceProblems(window: MaintenanceWindow): Problem[] {
  const start = Date.parse(window.startTime);
  const end = Date.parse(window.endTime);
  const problems: Problem[] = [];
  if (Number.isNaN(start) || Number.isNaN(end) || end - start < 4 * HOUR_MS) {
    problems.push({
      path: "maintenanceWindow",
      value: { startTime: window.startTime, endTime: window.endTime },
      problem: "is not a window of at least 4 hours between two RFC 3339 times",
      fix: 'write e.g. startTime "2026-01-03T01:00:00Z" and endTime "2026-01-03T09:00:00Z" (GKE needs windows of 4 hours or more)',
    });
  }
  if (!/^FREQ=(DAILY|WEEKLY)(;[A-Z]+=[A-Z0-9,]+)*$/.test(window.recurrence)) {
    problems.push({
      path: "maintenanceWindow.recurrence",
      value: window.recurrence,
      problem: "is not a daily or weekly RFC 5545 recurrence",
      fix: 'write e.g. "FREQ=WEEKLY;BYDAY=SA,SU"',
    });
  }
  return problems;
}

/** The node pool's sizes (paths under `nodes.`): at least a node per zone, max at or above min. */
export function validateNodePool(nodes: NodePoolSettings): Problem[] {
  const { minNodesPerZone: min, maxNodesPerZone: max, diskSizeGb } = nodes;
  const problems: Problem[] = [];
  if (!Number.isInteger(min) || min < 1) {
    problems.push({
      path: "nodes.minNodesPerZone",
      value: min,
      problem: "is not a whole number of at least 1, so GKE's system pods could have no node",
      fix: "keep at least one node per zone",
    });
  }
  if (!Number.isInteger(max) || max < min) {
    problems.push({
      path: "nodes.maxNodesPerZone",
      value: max,
      problem: `is not a whole number at or above minNodesPerZone (${min})`,
      fix: "set the maximum at or above the minimum",
    });
  }
  if (!Number.isInteger(diskSizeGb) || diskSizeGb < 20) {
    problems.push({
      path: "nodes.diskSizeGb",
      value: diskSizeGb,
      problem: "is below the 20 GB a COS node needs for its images",
      fix: "use 50 or more",
    });
  }
  return problems;
}

/** Problems with the cluster's arguments, on their own paths. Empty when valid. */
export function validateClusterArgs(args: PrivateClusterArgs): Problem[] {
  const problems: Problem[] = [];
  if (!CLUSTER_NAME.test(args.clusterName)) {
    problems.push({
      path: "clusterName",
      value: args.clusterName,
      problem: "is not a GKE cluster name",
      fix: 'use 1-40 lower-case letters, digits and hyphens, starting with a letter, e.g. "enclave-acme-prod"',
    });
  }
  if (!ACCOUNT_ID.test(args.nodeAccountId)) {
    problems.push({
      path: "nodeAccountId",
      value: args.nodeAccountId,
      problem: "is not a service account id",
      fix: 'use 6-30 lower-case letters, digits and hyphens, starting with a letter, e.g. "enclave-acme-prod-nodes"',
    });
  }
  const cidr = parseCidr(args.controlPlaneCidr);
  if (isCidrProblem(cidr) || cidr.version !== 4 || cidr.prefix !== 28 || !isPrivateRange(cidr)) {
    problems.push({
      path: "controlPlaneCidr",
      value: args.controlPlaneCidr,
      problem: "is not a private IPv4 /28",
      fix: 'use a private /28 outside the VPC\'s ranges, e.g. "172.16.0.16/28"',
    });
  }
  if (args.adminCidrs.length === 0) {
    problems.push({
      path: "adminCidrs",
      value: [],
      problem: "is empty, so no administrator could reach the control plane",
      fix: "list the admins' networks (enclave:allowlist.admin)",
    });
  }
  problems.push(...validateAuthorizedNetworks(args));
  if (args.keyGrants.length === 0) {
    problems.push({
      path: "keyGrants",
      value: [],
      problem:
        "is empty, so GKE could create the cluster and its disks before its service agents may use the keys, and fail",
      fix: "pass the TenantKeyRing whose bindings grant the cluster and volumes keys (defaultKeyUses)",
    });
  }
  if (!(RELEASE_CHANNELS as readonly string[]).includes(args.releaseChannel)) {
    problems.push({
      path: "releaseChannel",
      value: args.releaseChannel,
      problem: "is not a release channel enclave accepts",
      fix: `use one of ${RELEASE_CHANNELS.join(", ")}`,
    });
  }
  if (!(SECURITY_POSTURE_MODES as readonly string[]).includes(args.securityPosture)) {
    problems.push({
      path: "securityPosture",
      value: args.securityPosture,
      problem: "is not a security posture tier",
      fix: `use one of ${SECURITY_POSTURE_MODES.join(", ")} (the posture dashboard stays on)`,
    });
  }
  problems.push(...maintenanceProblems(args.maintenanceWindow));
  problems.push(...validateNodePool(args.nodes));
  problems.push(...validateAdmittedImages(args.admittedImages));
  return problems;
}

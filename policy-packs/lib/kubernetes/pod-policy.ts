import type { PolicyConfigSchema } from "@pulumi/policy";
import { resourcePolicy, type EnclaveResourcePolicy } from "../define";
import type { PolicyMetadata } from "../metadata";
import { podOf, type PodView } from "./pod";
import { POD_OWNER_TOKENS } from "./types";

export interface PodPolicyDefinition<C extends object> extends PolicyMetadata {
  readonly configSchema?: PolicyConfigSchema;
  /**
   * Judges one pod spec. `pod.patch` is true for `...Patch` resources: judge only what they set
   * explicitly (a requirement that a field be present cannot be judged on a patch).
   */
  check(pod: PodView, report: (message: string) => void, config: C): void;
}

/**
 * A policy over the pod spec of Pods and of every pod-template owner (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate), in every apiVersion
 * and their `...Patch` twins. A resource without a pod spec (a partial input) has nothing to judge.
 */
export function podPolicy<C extends object = Record<string, never>>(
  def: PodPolicyDefinition<C>,
): EnclaveResourcePolicy {
  const { check, ...rest } = def;
  return resourcePolicy<C>({
    ...rest,
    resourceTypes: POD_OWNER_TOKENS,
    check: (resource, report, config) => {
      const pod = podOf(resource.type, resource.props);
      if (pod) {
        check(pod, report, config);
      }
    },
  });
}

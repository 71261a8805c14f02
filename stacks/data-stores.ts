import * as pulumi from "@pulumi/pulumi";
import { ownerOrTenant, type DataStore } from "../components/shared/classification";
import type { EnclaveConfig } from "./config";

/** One entry of the stack output `dataStores`. */
export interface DataStoreOutput extends DataStore<pulumi.Output<string>> {
  readonly classification: string;
  readonly owner: string;
}

/**
 * The stack output `dataStores`: each bucket, database and queue the stack keeps tenant data or
 * records in, with the classification and owner it is tagged with (docs/lineage.md). The queue is
 * the app layer's RabbitMQ, in the tenant namespace.
 */
export function listDataStores(
  config: EnclaveConfig,
  stores: readonly DataStore[],
  namespace: pulumi.Output<string> | undefined,
): DataStoreOutput[] {
  const marks = {
    classification: config.classification,
    owner: ownerOrTenant(config.owner, config.tenant),
  };
  const all: DataStore[] = [
    ...stores,
    ...(namespace !== undefined
      ? [
          {
            kind: "queue",
            purpose: "annotation-events",
            name: pulumi.interpolate`${namespace}/rabbitmq`,
          } as const,
        ]
      : []),
  ];
  return all.map((s) => ({
    kind: s.kind,
    purpose: s.purpose,
    name: pulumi.output(s.name as pulumi.Input<string>),
    ...marks,
  }));
}

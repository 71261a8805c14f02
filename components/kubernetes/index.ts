export { KubernetesLayer, flowRuleContext, validateLayer, type KubernetesLayerArgs } from "./layer";
export {
  namespaceOf,
  resolveLayerSettings,
  type LayerSettings,
  type SettingsProblem,
} from "./settings";
export { FLOWS, expandFlows, type ConcreteFlow, type Flow } from "./network-policies/flows";
export { UPSTREAM_IMAGES, upstreamReference, isPinnedImage } from "./images";
export { ExistingCluster, type ExistingClusterArgs } from "./existing-cluster/cluster";

export { AppLayer, flowRuleContext, validateLayer, type AppLayerArgs } from "./layer";
export { namespaceOf, type LayerSettings } from "./settings";
export { FLOWS, expandFlows, type ConcreteFlow, type Flow } from "./network-policies/flows";
export { UPSTREAM_IMAGES, upstreamReference, isPinnedImage } from "./images";

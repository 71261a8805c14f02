// The Pulumi program (Pulumi.yaml `main`). Configuration is validated first: an invalid stack
// stops here, before any resource is registered.
import { loadStackConfig } from "./config";
import { deployStack } from "./program";

export = deployStack(loadStackConfig());

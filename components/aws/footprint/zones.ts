import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The availability zones: the configured names, or the first `count` zones of the region that
 * need no opt-in (invoke `aws:index/getAvailabilityZones:getAvailabilityZones`).
 */
export function resolveZones(
  zones: number | readonly string[],
  parent: pulumi.Resource,
): pulumi.Input<string>[] {
  if (typeof zones !== "number") {
    return [...zones];
  }
  const available = aws.getAvailabilityZonesOutput(
    { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
    { parent },
  );
  return Array.from({ length: zones }, (_, i) =>
    available.names.apply((names) => {
      const zone = names[i];
      if (zone === undefined) {
        throw new Error(
          `settings.availabilityZones asks for ${zones} zones but the region offers ${names.length}. Fix: set availabilityZones to ${names.length} or fewer`,
        );
      }
      return zone;
    }),
  );
}

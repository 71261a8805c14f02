import { describe, expect, it } from "vitest";
import { dynamicConfigYaml } from "../../../components/app/ingress/dynamic";
import { resourcePolicyNamed } from "../../helpers/kubernetes-policy";
import { runResourcePolicy } from "../../helpers/policy";
import { itRefusesTheInternetInPieces } from "../../helpers/internet-splits";
import { UNKNOWN } from "../../helpers/unknowns";

const NAME = "kubernetes-traefik-middleware-restrict-ip-allowlist";
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const MIDDLEWARE = "kubernetes:traefik.io/v1alpha1:Middleware";

/** The kit's own Traefik file-provider ConfigMap for the given allowlists. */
const kitConfigMap = (users: string[], admin = ["198.51.100.0/24"]) => ({
  metadata: { name: "traefik-dynamic", namespace: "enclave" },
  data: {
    "dynamic.yml": dynamicConfigYaml({
      domain: "annotate.example.com",
      realm: "tenant",
      namespace: "enclave",
      users,
      admin,
      routes: [],
    }),
  },
});
const middleware = (sourceRange: unknown, key = "ipAllowList") => ({
  metadata: { name: "allow" },
  spec: { [key]: { sourceRange } },
});
const run = (type: string, props: Record<string, unknown>) =>
  runResourcePolicy(resourcePolicyNamed(NAME), { type, props });

describe(NAME, () => {
  it("passes the kit's ConfigMap and a Middleware limited to known networks", () => {
    expect(run(CONFIG_MAP, kitConfigMap(["203.0.113.0/24"])).violations).toEqual([]);
    expect(run(MIDDLEWARE, middleware(["203.0.113.0/24"])).violations).toEqual([]);
    expect(run(CONFIG_MAP, { data: { "app.conf": "ipAllowList: [" } }).violations).toEqual([]);
  });
  itRefusesTheInternetInPieces((ranges) => run(MIDDLEWARE, middleware(ranges)).violations);
  itRefusesTheInternetInPieces(
    (ranges) => run(MIDDLEWARE, middleware(ranges, "ipWhiteList")).violations,
  );
  it("flags the kit's pre-fix shape: enclave:allowlist.users [0.0.0.0/1, 128.0.0.0/1]", () => {
    const halves = ["0.0.0.0/1", "128.0.0.0/1"];
    const v = run(CONFIG_MAP, kitConfigMap(halves)).violations;
    // allow-users and allow-clients (users + admin) both carry the halves.
    expect(v).toEqual(
      ["allow-users", "allow-clients"].flatMap((m) =>
        halves.map(
          (c) =>
            `dynamic.yml: middleware ${m}.ipAllowList.sourceRange: ${c} is broader than IPv4 /8 (a share of the internet, not a network). Allow only the users' and operators' networks.`,
        ),
      ),
    );
  });
  it("never throws on unknown or odd values", () => {
    expect(run(MIDDLEWARE, middleware(UNKNOWN)).violations).toEqual([]);
    expect(run(MIDDLEWARE, middleware([UNKNOWN, "garbage"])).violations).toEqual([]);
    expect(run(CONFIG_MAP, { data: { "d.yml": UNKNOWN } }).violations).toEqual([]);
    expect(run(CONFIG_MAP, { data: UNKNOWN }).violations).toEqual([]);
  });
});

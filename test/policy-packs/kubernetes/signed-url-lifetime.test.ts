import { describe, expect, it } from "vitest";
import { DIGEST, runOnPod } from "../../helpers/kubernetes-policy";

const name = "kubernetes-core-pod-configure-signed-url-lifetime";
const app = (spec: Record<string, any>) => spec.containers[0];
const diffgram = (spec: Record<string, any>, env: { name: string; value: string }[]) => {
  app(spec).image = `registry.example.com/diffgram/walrus:1.25.3@${DIGEST}`;
  app(spec).env = [{ name: "DIFFGRAM_STATIC_STORAGE_PROVIDER", value: "aws" }, ...env];
};

describe(name, () => {
  it("passes a pod that serves no media, and Diffgram with lifetimes within the maximum", () => {
    expect(runOnPod(name).violations).toEqual([]);
    expect(
      runOnPod(
        name,
        (s) => (app(s).image = `registry.example.com/diffgram/default:1.25.3@${DIGEST}`),
      ).violations,
    ).toEqual([]);
    expect(
      runOnPod(name, (s) =>
        diffgram(s, [
          { name: "SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID", value: "3600" },
          { name: "SIGNED_URL_CACHE_MINIMUM_SECONDS_VALID", value: "1800" },
        ]),
      ).violations,
    ).toEqual([]);
  });

  it("flags Diffgram left at its six-day default", () => {
    expect(runOnPod(name, (s) => diffgram(s, [])).violations).toEqual([
      'presigned URLs live longer than 3600 s: container "app" leaves SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID unset (Diffgram\'s default is 518400 s)',
    ]);
  });

  it("flags a lifetime above the maximum, and follows the configured maximum", () => {
    const long = (s: Record<string, any>) =>
      diffgram(s, [{ name: "SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID", value: "21600" }]);
    expect(runOnPod(name, long).violations).toEqual([
      'presigned URLs live longer than 3600 s: container "app" sets SIGNED_URL_CACHE_NEW_OFFSET_SECONDS_VALID=21600',
    ]);
    expect(runOnPod(name, long, { config: { maxSeconds: 86400 } }).violations).toEqual([]);
  });
});

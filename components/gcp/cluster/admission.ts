import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../../shared/problems";
import { ADMISSION_DEFAULTS } from "./defaults";

const HOST = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d{1,5})?$/;
const PATH_SEGMENT = /^[a-z0-9._-]+$/;

/**
 * The Binary Authorization patterns that admit these images' repositories and nothing else:
 * `<registry>/<repository>@*` (by digest) and `<registry>/<repository>:*` (by tag, with or
 * without a digest). A trailing `*` never matches `/`, so neither pattern admits another
 * repository, not even one whose name starts with this one's. Whether an image is also pinned
 * by digest is the Kubernetes packs' check (every kit image is).
 */
export function admissionPatterns(images: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const image of images) {
    const name = image.split("@")[0]!;
    const slash = name.lastIndexOf("/");
    const colon = name.lastIndexOf(":");
    const repository = colon > slash ? name.slice(0, colon) : name;
    patterns.add(`${repository}@*`);
    patterns.add(`${repository}:*`);
  }
  return [...patterns];
}

/** Problems with the admitted patterns: each names a repository (or a part of one), never a registry. */
export function validateAdmittedImages(patterns: readonly string[]): Problem[] {
  if (patterns.length === 0) {
    return [
      {
        path: "admittedImages",
        value: [],
        problem: "is empty, so Binary Authorization would refuse every image of the app",
        fix: "admit the repositories of the stack's images, e.g. admissionPatterns(<the pinned images>)",
      },
    ];
  }
  return patterns.flatMap((pattern, i): Problem[] => {
    const path = `admittedImages[${i}]`;
    const prefix = pattern.replace(/\*{1,2}$/, "");
    const slash = prefix.indexOf("/");
    const host = slash < 0 ? prefix : prefix.slice(0, slash);
    const rest = slash < 0 ? "" : prefix.slice(slash + 1);
    const repository = rest.replace(/[:@][^/]*$/, "").replace(/\/$/, "");
    const notAPattern = {
      path,
      value: pattern,
      problem: "is not an image name pattern",
      fix: 'write <registry host>/<repository path>, optionally followed by a trailing * or **, e.g. "europe-west1-docker.pkg.dev/acme/enclave/keycloak@*"',
    };
    if (/\s/.test(pattern) || prefix.includes("*") || !HOST.test(host)) {
      return [notAPattern];
    }
    if (repository === "") {
      return [
        {
          path,
          value: pattern,
          problem: `admits every image of the registry ${host}`,
          fix: "name the repositories the stack runs (admissionPatterns(images) does), or at least one path segment under the registry",
        },
      ];
    }
    if (repository.split("/").some((s) => !PATH_SEGMENT.test(s))) {
      return [notAPattern];
    }
    return [];
  });
}

/**
 * The project's Binary Authorization policy (one per project: the platform stack owns it):
 * admits the named repositories and Google's system images, refuses everything else and logs
 * the refusal. Deleting it would return the project to "allow all", so it stays with the cluster.
 */
export function admissionPolicy(
  name: string,
  project: pulumi.Input<string>,
  patterns: readonly string[],
  opts: pulumi.CustomResourceOptions,
): gcp.binaryauthorization.Policy {
  return new gcp.binaryauthorization.Policy(
    name,
    {
      project,
      description: "enclave: only the stack's image repositories and Google's system images",
      globalPolicyEvaluationMode: ADMISSION_DEFAULTS.globalPolicyEvaluationMode,
      admissionWhitelistPatterns: patterns.map((namePattern) => ({ namePattern })),
      defaultAdmissionRule: { ...ADMISSION_DEFAULTS.defaultAdmissionRule },
    },
    opts,
  );
}

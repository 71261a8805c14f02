import {
  UnknownValueError,
  type PolicyConfigSchema,
  type PolicyResource,
  type PolicyResourceOptions,
  type ReportViolation,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { metadataTags, RESOURCE_TYPE_TAG_PREFIX, type PolicyMetadata } from "./metadata";
import type { Props } from "./props";

/** What a resource check sees: the resource's inputs plus the options the engine recorded. */
export interface ResourceView {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Props;
  readonly opts: PolicyResourceOptions;
}

export interface ResourcePolicyDefinition<C extends object> extends PolicyMetadata {
  /** Type tokens this policy judges, e.g. `aws:kms/key:Key`. Others are "not applicable". */
  readonly resourceTypes: readonly string[];
  /** JSON schema of the policy's parameters; every property needs a `default`. */
  readonly configSchema?: PolicyConfigSchema;
  check(resource: ResourceView, report: (message: string) => void, config: C): void;
}

export interface StackPolicyDefinition<C extends object> extends PolicyMetadata {
  /**
   * Type tokens of the resources this policy judges (e.g. buckets, not their side resources).
   * A stack holding none is "not applicable": the policy judged nothing, so it evidences nothing.
   */
  readonly resourceTypes: readonly string[];
  readonly configSchema?: PolicyConfigSchema;
  /** Report with the URN of the resource at fault. */
  check(
    resources: readonly PolicyResource[],
    report: (message: string, urn: string) => void,
    config: C,
  ): void;
}

/** Enclave metadata kept on the policy object, for tests, docs and the reviewer. */
export interface EnclavePolicyExtras {
  readonly enclave: PolicyMetadata & { readonly resourceTypes?: readonly string[] };
}
export type EnclaveResourcePolicy = ResourceValidationPolicy & EnclavePolicyExtras;
export type EnclaveStackPolicy = StackValidationPolicy & EnclavePolicyExtras;
export type EnclavePolicy = EnclaveResourcePolicy | EnclaveStackPolicy;

/** Schema defaults, overlaid with what the engine configured (the SDK does not fill defaults). */
function configWithDefaults<C extends object>(
  schema: PolicyConfigSchema | undefined,
  given: unknown,
): C {
  const defaults: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    if (prop && typeof prop === "object" && "default" in prop) {
      defaults[key] = (prop as { default?: unknown }).default;
    }
  }
  const configured = given && typeof given === "object" ? (given as Record<string, unknown>) : {};
  const { enforcementLevel: _level, ...rest } = configured;
  return { ...defaults, ...rest } as C;
}

/**
 * `args.notApplicable` throws an Error that the SDK catches only to read its reason. A policy
 * over several types throws it for every resource of any other type (tens of thousands of times
 * in a large stack), so the throw skips capturing a stack trace nobody reads.
 */
function notApplicableWithoutStack(args: ResourceValidationArgs, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const PREVIEW_REASON = "depends on values that are known only after deployment";

function common(meta: PolicyMetadata, configSchema: PolicyConfigSchema | undefined) {
  return {
    name: meta.name,
    description: meta.description,
    // Levels are the pack's and the stack's choice (PolicyPack default + policy config).
    severity: meta.severity,
    remediationSteps: meta.remediation,
    framework: {
      name: "NIST SP 800-53",
      version: "rev. 5",
      reference: meta.controls.nist.join(", "),
      specification: [...meta.controls.nist, ...(meta.controls.cis ?? [])].join("; "),
    },
    tags: metadataTags(meta),
    ...(meta.enforcementLevel ? { enforcementLevel: meta.enforcementLevel } : {}),
    ...(configSchema ? { configSchema } : {}),
  };
}

/**
 * A per-resource policy from enclave metadata and a check. The check never needs to guard against
 * unknown values: reading one during a preview makes the policy "not applicable" for that resource
 * (the check runs again when the values are known), instead of failing the analyzer call.
 */
export function resourcePolicy<C extends object = Record<string, never>>(
  def: ResourcePolicyDefinition<C>,
): EnclaveResourcePolicy {
  const { check, resourceTypes, configSchema, ...meta } = def;
  const types = new Set(resourceTypes);
  const notThisType = `Policy only applies to resources of type ${[...types].join(", ")}`;
  const validate = (args: ResourceValidationArgs, report: ReportViolation) => {
    if (!types.has(args.type)) {
      notApplicableWithoutStack(args, notThisType);
    }
    try {
      check(
        { type: args.type, name: args.name, urn: args.urn, props: args.props, opts: args.opts },
        (message) => report(message),
        configWithDefaults<C>(configSchema, args.getConfig()),
      );
    } catch (e) {
      if (e instanceof UnknownValueError) {
        args.notApplicable(PREVIEW_REASON);
      }
      throw e;
    }
  };
  if (types.size === 1) {
    // The SDK's fast path skips other types without a call.
    (validate as unknown as { __pulumiType: string }).__pulumiType = [...types][0]!;
  }
  return {
    ...common(meta, configSchema),
    validateResource: validate,
    enclave: { ...meta, resourceTypes },
  };
}

/** A whole-stack policy (joins between resources, e.g. a bucket and its public access block). */
export function stackPolicy<C extends object = Record<string, never>>(
  def: StackPolicyDefinition<C>,
): EnclaveStackPolicy {
  const { check, resourceTypes, configSchema, ...meta } = def;
  const types = new Set(resourceTypes);
  const noneOfThem = `Policy only applies to stacks with resources of type ${[...types].join(", ")}`;
  const validateStack = (args: StackValidationArgs, report: ReportViolation) => {
    if (!args.resources.some((r) => types.has(r.type))) {
      args.notApplicable(noneOfThem);
    }
    try {
      check(
        args.resources,
        (message, urn) => report(message, urn),
        configWithDefaults<C>(configSchema, args.getConfig()),
      );
    } catch (e) {
      if (e instanceof UnknownValueError) {
        args.notApplicable(PREVIEW_REASON);
      }
      throw e;
    }
  };
  const described = common(meta, configSchema);
  return {
    ...described,
    // Over the analyzer protocol only tags travel: they tell a reviewer which resources it judged.
    tags: [...described.tags, ...resourceTypes.map((t) => `${RESOURCE_TYPE_TAG_PREFIX}${t}`)],
    validateStack,
    enclave: { ...meta, resourceTypes },
  };
}

import { bytesOf, secretText, uuid } from "../ids";
import type { ComputedState, OutputContext } from "./context";

const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) ? v : d);

/**
 * @pulumi/random: values derived from the URN (stable across reviews, distinct per resource).
 * Which outputs are secret follows the provider: RandomPassword's `result` and `bcryptHash` come
 * back secret through the SDK's additionalSecretOutputs; the rest are plain unless inputs are.
 */
export function randomOutputs(ctx: OutputContext): ComputedState {
  const id = uuid(ctx.urn, "random-id");
  switch (ctx.type) {
    case "random:index/randomPassword:RandomPassword":
    case "random:index/randomString:RandomString": {
      const length = num(ctx.inputs["length"], 16);
      const result = secretText(ctx.urn, length, ctx.inputs["special"] !== false);
      return {
        id: ctx.type.endsWith("RandomPassword") ? "none" : result,
        state: {
          result,
          ...(ctx.type.endsWith("RandomPassword")
            ? { bcryptHash: `$2a$10$${secretText(ctx.urn + "b", 53, false)}` }
            : {}),
        },
      };
    }
    case "random:index/randomId:RandomId":
    case "random:index/randomBytes:RandomBytes": {
      const bytes = bytesOf(ctx.urn, num(ctx.inputs["byteLength"] ?? ctx.inputs["length"], 16));
      const prefix = typeof ctx.inputs["prefix"] === "string" ? ctx.inputs["prefix"] : "";
      const b64Url = bytes.toString("base64url");
      return {
        id: b64Url,
        state: ctx.type.endsWith("RandomId")
          ? {
              hex: prefix + bytes.toString("hex"),
              b64Std: prefix + bytes.toString("base64"),
              b64Url: prefix + b64Url,
              dec: prefix + BigInt(`0x${bytes.toString("hex")}`).toString(),
            }
          : { base64: bytes.toString("base64"), hex: bytes.toString("hex") },
        secretOutputs: ctx.type.endsWith("RandomBytes") ? ["base64", "hex"] : [],
      };
    }
    case "random:index/randomUuid:RandomUuid":
      return { id, state: { result: id } };
    case "random:index/randomInteger:RandomInteger": {
      const min = num(ctx.inputs["min"], 0);
      const max = num(ctx.inputs["max"], 100);
      const result = min + (bytesOf(ctx.urn, 4).readUInt32BE(0) % (max - min + 1));
      return { id: String(result), state: { result } };
    }
    case "random:index/randomPet:RandomPet": {
      const result = `enclave-${uuid(ctx.urn).slice(0, 8)}`;
      return { id: result, state: { result } };
    }
    default:
      return { id, state: {} };
  }
}

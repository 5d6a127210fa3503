import { z } from "zod";
import { parseRouterPrivateKey, parseRouterPublicKeys } from "../auth/routerKeys.ts";

const SEE = "npm start generates a pair; see packages/platform/src/auth/README.md";

/** An environment variable holding key material: required, parsed at start-up, every fault named. */
function keyVariable<T>(parse: (value: string) => T, what: string, format: string) {
  return z.string({ error: `is required: ${what} (${SEE})` }).transform((value, ctx) => {
    try {
      return parse(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `must be ${format} (${(error as Error).message})` });
      return z.NEVER;
    }
  });
}

/** The router's `ROUTER_SIGNING_KEY`. */
export const routerSigningKeySchema = keyVariable(
  parseRouterPrivateKey,
  "the Ed25519 private key that signs the router's requests to subgraphs",
  "an Ed25519 private key as base64 PKCS#8 DER or PEM",
);

/** A subgraph's `ROUTER_PUBLIC_KEYS`. */
export const routerPublicKeysSchema = keyVariable(
  parseRouterPublicKeys,
  "the router's request-signing public key(s), so this subgraph answers only the router",
  "Ed25519 public keys as base64 SPKI DER (comma-separated) or PEM",
);

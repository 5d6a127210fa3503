import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";

/**
 * The router's request-signing keys (Ed25519). The router holds the private key; every subgraph holds
 * the public keys it accepts (several during a rotation). Keys travel in environment variables as
 * single-line base64 DER (PKCS#8 private, SPKI public) or as PEM; a key's id is derived from the public
 * key itself, so no separate key id has to be configured or kept in step.
 */
export interface RouterKeyPair {
  /** Base64 PKCS#8 DER: the value of the router's `ROUTER_SIGNING_KEY`. */
  privateKey: string;
  /** Base64 SPKI DER: a value for the subgraphs' `ROUTER_PUBLIC_KEYS`. */
  publicKey: string;
}

export function generateRouterKeyPair(): RouterKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    publicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
  };
}

const isPem = (text: string) => text.includes("-----BEGIN");

/** Throws a message naming what is wrong; config schemas turn it into a start-up error. */
export function parseRouterPrivateKey(text: string): KeyObject {
  const value = text.trim();
  const key = isPem(value)
    ? createPrivateKey(value)
    : createPrivateKey({ key: Buffer.from(value, "base64"), format: "der", type: "pkcs8" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error("must be an Ed25519 private key");
  return key;
}

/** Keys separated by commas (a PEM key may stand alone). */
export function parseRouterPublicKeys(text: string): KeyObject[] {
  const value = text.trim();
  const parts = isPem(value) ? [value] : value.split(",").map((part) => part.trim());
  const keys = parts
    .filter(Boolean)
    .map((part) =>
      isPem(part)
        ? createPublicKey(part)
        : createPublicKey({ key: Buffer.from(part, "base64"), format: "der", type: "spki" }),
    );
  if (keys.length === 0) throw new Error("must hold at least one public key");
  if (keys.some((key) => key.asymmetricKeyType !== "ed25519")) throw new Error("must be Ed25519 public keys");
  return keys;
}

/** The id a signature names its key by: the start of the public key's SHA-256, base64url. */
export function routerKeyId(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ format: "der", type: "spki" });
  return createHash("sha256").update(der).digest("base64url").slice(0, 16);
}

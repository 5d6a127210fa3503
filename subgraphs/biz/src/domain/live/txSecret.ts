import { createHash, timingSafeEqual } from "node:crypto";

// Tencent Cloud Live's hotlink protection ("Hotlink Protection URL Calculation",
// https://www.tencentcloud.com/document/product/267/31560): a URL carries
// txTime = its expiry as Unix seconds in upper-case hex, and txSecret = md5(KEY + StreamName + txTime)
// in lower-case hex, KEY being the push key or the play key. Both the URL signer (biz) and the local
// media server's check use these functions, so what one signs the other accepts.

/** The signature's two query parameters. */
export interface TxSignature {
  txSecret: string;
  txTime: string;
}

/** `expiresAt` as txTime: Unix seconds, upper-case hex (e.g. 5C271099). */
export const txTimeOf = (expiresAt: Date): string =>
  Math.floor(expiresAt.getTime() / 1000)
    .toString(16)
    .toUpperCase();

/** md5(key + streamName + txTime), lower-case hex. */
export const txSecretOf = (key: string, streamName: string, txTime: string): string =>
  createHash("md5").update(`${key}${streamName}${txTime}`, "utf8").digest("hex");

/** The signature of `streamName` valid until `expiresAt`, under `key`. */
export function signStream(key: string, streamName: string, expiresAt: Date): TxSignature {
  const txTime = txTimeOf(expiresAt);
  return { txSecret: txSecretOf(key, streamName, txTime), txTime };
}

/** Why a signature was refused, or "ok". */
export type SignatureVerdict = "ok" | "missing" | "expired" | "forged";

const HEX_TIME = /^[0-9A-Fa-f]{1,12}$/;
const MD5_HEX = /^[0-9a-f]{32}$/;

/**
 * Whether `signature` (as found in a URL's query, possibly absent or repeated) signs `streamName` under
 * `key` and has not expired at `now`. Expiry is checked before the digest is compared, and the
 * comparison takes constant time.
 */
export function verifyStreamSignature(
  key: string,
  streamName: string,
  signature: { txSecret?: unknown; txTime?: unknown },
  now: Date,
): SignatureVerdict {
  const { txSecret, txTime } = signature;
  if (typeof txSecret !== "string" || typeof txTime !== "string") return "missing";
  if (!HEX_TIME.test(txTime) || !MD5_HEX.test(txSecret.toLowerCase())) return "forged";
  if (Number.parseInt(txTime, 16) * 1000 <= now.getTime()) return "expired";
  const expected = Buffer.from(txSecretOf(key, streamName, txTime), "hex");
  return timingSafeEqual(expected, Buffer.from(txSecret.toLowerCase(), "hex")) ? "ok" : "forged";
}

import { createHash, type KeyObject, sign, verify } from "node:crypto";
import { routerKeyId } from "./routerKeys.ts";

/**
 * Subgraphs answer only the router (issue 16.7): every request the router sends carries
 * `x-router-signature: t=<unix ms>,kid=<key id>,sig=<base64url Ed25519 signature>` over the method, the
 * path with its query, the SHA-256 of the body, the Authorization header and the timestamp. So a
 * signature cannot be moved to another request, nor a token swapped under it, and it is stale after
 * `ROUTER_SIGNATURE_WINDOW_MS`. See packages/platform/src/auth/README.md.
 */
export const ROUTER_SIGNATURE_HEADER = "x-router-signature";

/** How far a signature's timestamp may be from the subgraph's clock, either way. */
export const ROUTER_SIGNATURE_WINDOW_MS = 30_000;

export interface SignedRequest {
  method: string;
  /** Path and query string, as on the request line (`/graphql`, `/api-keys/introspect`). */
  path: string;
  body: string | Uint8Array;
  /** The Authorization header sent with the request, if any. */
  authorization?: string;
}

const VERSION = "health-router-signature-v1";

function signingInput(request: SignedRequest, timestamp: number): Buffer {
  const bodyHash = createHash("sha256").update(request.body).digest("base64url");
  return Buffer.from(
    [
      VERSION,
      timestamp,
      request.method.toUpperCase(),
      request.path,
      bodyHash,
      request.authorization ?? "",
    ].join("\n"),
  );
}

export interface RouterSigner {
  /** The `x-router-signature` header value for `request`, stamped now. */
  sign(request: SignedRequest): string;
}

export function createRouterSigner(privateKey: KeyObject, now: () => number = Date.now): RouterSigner {
  const kid = routerKeyId(privateKey);
  return {
    sign(request) {
      const timestamp = now();
      const signature = sign(null, signingInput(request, timestamp), privateKey).toString("base64url");
      return `t=${timestamp},kid=${kid},sig=${signature}`;
    },
  };
}

/** A parsed header whose timestamp and key passed; the signature itself is checked against the request. */
export interface RouterSignatureClaim {
  timestamp: number;
  key: KeyObject;
  signature: Buffer;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface RouterSignatureVerifier {
  /** Reads the header: present, well formed, fresh, by a known key. Cheap, so it runs before the body is read. */
  claim(header: string | undefined): Checked<RouterSignatureClaim>;
  /** Whether the claimed signature is over exactly this request. */
  matches(claim: RouterSignatureClaim, request: SignedRequest): boolean;
  /** Both, for a request whose body is already at hand (the WebSocket upgrade has none). */
  check(header: string | undefined, request: SignedRequest): Checked<null>;
}

const HEADER_PATTERN = /^t=(\d{1,16}),kid=([A-Za-z0-9_-]{1,64}),sig=([A-Za-z0-9_-]{1,200})$/;

export function createRouterSignatureVerifier(
  publicKeys: readonly KeyObject[],
  options: { windowMs?: number; now?: () => number } = {},
): RouterSignatureVerifier {
  const keys = new Map(publicKeys.map((key) => [routerKeyId(key), key]));
  const windowMs = options.windowMs ?? ROUTER_SIGNATURE_WINDOW_MS;
  const now = options.now ?? Date.now;
  const refuse = (reason: string) => ({ ok: false as const, reason });

  const claim = (header: string | undefined): Checked<RouterSignatureClaim> => {
    if (!header)
      return refuse(
        `This service answers only the router: the ${ROUTER_SIGNATURE_HEADER} header is missing.`,
      );
    const match = HEADER_PATTERN.exec(header.trim());
    if (!match) return refuse(`The ${ROUTER_SIGNATURE_HEADER} header is malformed.`);
    const [, t, kid, sig] = match as unknown as [string, string, string, string];
    const timestamp = Number(t);
    if (Math.abs(now() - timestamp) > windowMs)
      return refuse(
        `The router signature is stale: its time is over ${windowMs / 1000} s from this server's.`,
      );
    const key = keys.get(kid);
    if (!key) return refuse("The router signature names a key this service does not trust.");
    return { ok: true, value: { timestamp, key, signature: Buffer.from(sig, "base64url") } };
  };
  const matches = (claimed: RouterSignatureClaim, request: SignedRequest) =>
    verify(null, signingInput(request, claimed.timestamp), claimed.key, claimed.signature);

  return {
    claim,
    matches,
    check(header, request) {
      const claimed = claim(header);
      if (!claimed.ok) return claimed;
      if (!matches(claimed.value, request))
        return refuse("The router signature does not match this request.");
      return { ok: true, value: null };
    },
  };
}

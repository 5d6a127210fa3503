import { generateRouterKeyPair, parseRouterPrivateKey, parseRouterPublicKeys } from "../auth/routerKeys.ts";
import {
  createRouterSignatureVerifier,
  createRouterSigner,
  ROUTER_SIGNATURE_HEADER,
  type RouterSignatureVerifier,
  type RouterSigner,
} from "../auth/routerSignature.ts";

export interface TestRouterKeys {
  /** Signs as the router does. */
  signer: RouterSigner;
  /** Accepts what `signer` signs, as a subgraph configured with `publicKey` does. */
  verifier: RouterSignatureVerifier;
  /** The pair as the environment carries it (`ROUTER_SIGNING_KEY`, `ROUTER_PUBLIC_KEYS`). */
  privateKey: string;
  publicKey: string;
  /** `fetch` with the router's signature over exactly this request. */
  signedFetch(
    url: string | URL,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<Response>;
}

/** A real Ed25519 router key pair for tests: subgraphs under test accept only what it signs. */
export function createTestRouterKeys(): TestRouterKeys {
  const pair = generateRouterKeyPair();
  const signer = createRouterSigner(parseRouterPrivateKey(pair.privateKey));
  const verifier = createRouterSignatureVerifier(parseRouterPublicKeys(pair.publicKey));
  return {
    signer,
    verifier,
    ...pair,
    signedFetch: (url, init = {}) => {
      const target = new URL(url);
      const method = init.method ?? (init.body === undefined ? "GET" : "POST");
      const headers = { ...init.headers };
      headers[ROUTER_SIGNATURE_HEADER] = signer.sign({
        method,
        path: `${target.pathname}${target.search}`,
        body: init.body ?? "",
        authorization: headers.authorization,
      });
      return fetch(target, { method, headers, body: init.body });
    },
  };
}

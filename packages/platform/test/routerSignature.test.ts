import { describe, expect, it } from "vitest";
import {
  generateRouterKeyPair,
  parseRouterPrivateKey,
  parseRouterPublicKeys,
} from "../src/auth/routerKeys.ts";
import { createRouterSignatureVerifier, createRouterSigner } from "../src/auth/routerSignature.ts";

const request = {
  method: "POST",
  path: "/graphql",
  body: '{"query":"{ me { id } }"}',
  authorization: "Bearer t",
};

describe("router request signatures", () => {
  const current = generateRouterKeyPair();
  const next = generateRouterKeyPair();
  const signerOf = (pair: typeof current, now?: () => number) =>
    createRouterSigner(parseRouterPrivateKey(pair.privateKey), now);

  it("accepts every key it was given, so a rotation needs no flag day", () => {
    const verifier = createRouterSignatureVerifier(
      parseRouterPublicKeys(`${current.publicKey},${next.publicKey}`),
    );
    expect(verifier.check(signerOf(current).sign(request), request)).toEqual({ ok: true, value: null });
    expect(verifier.check(signerOf(next).sign(request), request)).toEqual({ ok: true, value: null });
  });

  it("refuses timestamps more than 30 s away either way, and names why", () => {
    const verifier = createRouterSignatureVerifier(parseRouterPublicKeys(current.publicKey));
    for (const skew of [-31_000, 31_000]) {
      const checked = verifier.check(signerOf(current, () => Date.now() + skew).sign(request), request);
      expect(checked).toEqual({ ok: false, reason: expect.stringContaining("stale") });
    }
    expect(verifier.check(signerOf(current, () => Date.now() - 20_000).sign(request), request).ok).toBe(true);
  });

  it("binds the method, path, body and token", () => {
    const verifier = createRouterSignatureVerifier(parseRouterPublicKeys(current.publicKey));
    const header = signerOf(current).sign(request);
    for (const changed of [
      { ...request, method: "GET" },
      { ...request, path: "/api-keys/introspect" },
      { ...request, body: `${request.body} ` },
      { ...request, authorization: undefined },
    ])
      expect(verifier.check(header, changed)).toEqual({
        ok: false,
        reason: expect.stringContaining("does not match"),
      });
  });

  it("refuses keys that are not Ed25519 public keys", () => {
    expect(() => parseRouterPublicKeys("bm90IGEga2V5")).toThrow();
    expect(() => parseRouterPublicKeys(current.privateKey)).toThrow();
  });
});

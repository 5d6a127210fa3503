import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier } from "../src/auth/tokenVerifier.ts";
import { freePort } from "../src/testing/freePort.ts";
import { startTestIssuer, type TestIssuer } from "../src/testing/testIssuer.ts";

let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await startTestIssuer();
});
afterAll(() => issuer.close());

const verifier = () =>
  createTokenVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience });

describe("createTokenVerifier", () => {
  it("turns a valid token into an actor", async () => {
    const token = await issuer.sign({ userId: "u1", roles: ["coach"], sessionId: "s1" });
    expect(await verifier().verify(token)).toMatchObject({
      userId: "u1",
      roles: ["coach"],
      sessionId: "s1",
      token,
    });
  });

  it.each([
    [
      "expired",
      async () => issuer.sign({ userId: "u1", expiresIn: Math.floor(Date.now() / 1000) - 10 }),
      "expired",
    ],
    ["tampered", async () => `${(await issuer.sign({ userId: "u1" })).slice(0, -4)}AAAA`, "signature"],
    ["garbage", async () => "not.a.jwt", "malformed"],
  ])("refuses a %s token with UNAUTHENTICATED", async (_, make, reason) => {
    await expect(verifier().verify(await make())).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
      message: expect.stringContaining(reason),
    });
  });

  it("refuses a token for another audience", async () => {
    const other = createTokenVerifier({
      jwksUrl: issuer.jwksUrl,
      issuer: issuer.issuer,
      audience: "someone-else",
    });
    await expect(other.verify(await issuer.sign({ userId: "u1" }))).rejects.toMatchObject({
      message: expect.stringContaining('"aud"'),
    });
  });

  it("fails closed with UNAVAILABLE (TOKEN_KEYS), not UNAUTHENTICATED, when the key set cannot be fetched", async () => {
    const failing = createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    const answering500 = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/jwks.json`;
    const refusing = `http://127.0.0.1:${await freePort()}/jwks.json`;
    const token = await issuer.sign({ userId: "u1" });
    try {
      for (const jwksUrl of [answering500, refusing]) {
        const unreachable = createTokenVerifier({
          jwksUrl,
          issuer: issuer.issuer,
          audience: issuer.audience,
        });
        await expect(unreachable.verify(token)).rejects.toMatchObject({
          extensions: { code: "UNAVAILABLE", reason: "TOKEN_KEYS" },
        });
      }
    } finally {
      failing.close();
    }
  });
});

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { Role } from "../auth/actor.ts";
import { ACCESS_TOKEN_ALGORITHM } from "../auth/tokenVerifier.ts";

export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Signs a real access token; `expiresIn` is a jose time span such as "5m" or a past epoch for an expired one. */
  sign(claims: {
    userId: string;
    roles?: Role[];
    sessionId?: string;
    expiresIn?: string | number;
  }): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real Ed25519 key pair with its JWKS served on a free port, for testing a subgraph without the auth
 * subgraph. Tokens are genuinely signed and verified; only the issuer is a test one.
 */
export async function startTestIssuer(
  issuer = "health-auth",
  audience = "health-platform",
): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { crv: "Ed25519" });
  const jwk = { ...(await exportJWK(publicKey)), kid: "test-key", alg: ACCESS_TOKEN_ALGORITHM, use: "sig" };
  const server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    audience,
    sign: ({ userId, roles = ["user"], sessionId = "test-session", expiresIn = "5m" }) =>
      new SignJWT({ roles, sid: sessionId })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: "test-key" })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

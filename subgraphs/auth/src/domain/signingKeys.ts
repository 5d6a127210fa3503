import { randomUUID } from "node:crypto";
import { ACCESS_TOKEN_ALGORITHM, type Actor } from "@health/platform/auth";
import { isDatabaseUnavailable } from "@health/platform/prisma";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { AuthDb } from "../db.ts";
import { publishAuthAdminAction } from "./authEvents.ts";

/** Retired keys stay in the JWKS this long, so tokens they signed keep verifying until they expire. */
export const RETIRED_KEY_GRACE_MS = 24 * 3600 * 1000;
const CACHE_MS = 60_000;

export interface ActiveKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importJWK>>;
}

async function createKey(db: Pick<AuthDb, "signingKey">): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, {
    crv: "Ed25519",
    extractable: true,
  });
  const kid = randomUUID();
  await db.signingKey.create({
    data: {
      kid,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM, use: "sig" },
      privateJwk: { ...(await exportJWK(privateKey)), kid },
    },
  });
  return kid;
}

const lockKeys = (tx: Pick<AuthDb, "$executeRawUnsafe">) =>
  tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('auth.signing_keys'))");

/**
 * The signing keys in the database, with the active private key cached for a minute. Several auth
 * instances share the table; after a rotation an instance may sign with the old key for up to a
 * minute, which is safe because retired keys stay published.
 */
export class SigningKeyStore {
  private cached: { key: ActiveKey; at: number } | null = null;
  private lastPublished: JWK[] | null = null;

  constructor(private readonly db: AuthDb) {}

  /** Makes sure one active key exists; the advisory lock keeps two starting instances from both creating one. */
  async ensureActive(): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await lockKeys(tx);
      if ((await tx.signingKey.count({ where: { status: "active" } })) === 0) await createKey(tx);
    });
  }

  /**
   * Retires the active key and creates a new one; returns the new key id. The admin who did it is
   * recorded for the audit log in the same transaction.
   */
  async rotate(admin: Pick<Actor, "userId">): Promise<string> {
    await this.db.$transaction(async (tx) => {
      await lockKeys(tx);
      const retired = await tx.signingKey.findMany({ where: { status: "active" }, select: { kid: true } });
      await tx.signingKey.updateMany({
        where: { status: "active" },
        data: { status: "retired", retiredAt: new Date() },
      });
      const kid = await createKey(tx);
      await publishAuthAdminAction(tx, admin, {
        action: "rotate_signing_key",
        subjectType: "SigningKey",
        subjectId: kid,
        details: { retired: retired.map((key) => key.kid) },
      });
    });
    this.cached = null;
    return (await this.active()).kid;
  }

  async active(now = Date.now()): Promise<ActiveKey> {
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.key;
    const row = await this.db.signingKey.findFirst({
      where: { status: "active" },
      orderBy: { createdAt: "desc" },
    });
    if (!row) throw new Error("No active signing key: SigningKeyStore.ensureActive must run at start-up.");
    const key = { kid: row.kid, privateKey: await importJWK(row.privateJwk as JWK, ACCESS_TOKEN_ALGORITHM) };
    this.cached = { key, at: now };
    return key;
  }

  /**
   * The public keys to publish: the active one and those retired within the grace period. While the
   * database is unreachable the last set read is served: keys change only on rotation, and every
   * verifier in the platform would otherwise refuse every token for as long as the outage lasts.
   */
  async published(now = new Date()): Promise<JWK[]> {
    try {
      const rows = await this.db.signingKey.findMany({
        where: {
          OR: [{ status: "active" }, { retiredAt: { gt: new Date(now.getTime() - RETIRED_KEY_GRACE_MS) } }],
        },
        orderBy: { createdAt: "desc" },
      });
      this.lastPublished = rows.map((row) => row.publicJwk as JWK);
      return this.lastPublished;
    } catch (error) {
      if (this.lastPublished && isDatabaseUnavailable(error)) return this.lastPublished;
      throw error;
    }
  }
}

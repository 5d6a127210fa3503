import { forbidden, unauthenticated } from "@health/platform/errors";
import argon2 from "argon2";
import type { AuthDeps } from "../deps.ts";
import type { Account } from "../generated/prisma/client.ts";
import { publishLoginFailed } from "./authEvents.ts";
import { LoginThrottle } from "./loginThrottle.ts";
import { normalizeEmail } from "./registration.ts";
import { type ClientMeta, type SessionTokens, startSession } from "./sessions.ts";

// Verifying against a real hash when the account does not exist keeps the response time from telling
// an attacker which emails are registered.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,p=1,t=2$Gw2C+JwGPeWZeBCzNswtqg$XlxnaDIDlETKwV4IAG7neWgeD9LyWiiqvBOsZ2ePNXY";

const WRONG_CREDENTIALS = "Email or password is incorrect.";

export async function login(
  deps: AuthDeps,
  input: { email: string; password: string },
  meta: ClientMeta,
): Promise<SessionTokens> {
  const email = normalizeEmail(input.email);
  const throttle = new LoginThrottle(deps);
  await throttle.admit(email, meta.ip);

  const account = await deps.db.account.findUnique({ where: { email } });
  const valid = await argon2.verify(account?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false);
  if (!account || !valid) {
    await throttle.recordFailure(email, meta.ip);
    const reason = account ? "WRONG_PASSWORD" : "UNKNOWN_ACCOUNT";
    await publishLoginFailed(deps.db, { accountId: account?.id ?? null, email, reason, at: new Date() });
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  if (account.status !== "active") {
    await publishLoginFailed(deps.db, {
      accountId: account.id,
      email,
      reason: "ACCOUNT_DISABLED",
      at: new Date(),
    });
    throw unauthenticated("This account is locked; contact support.");
  }
  await throttle.recordSuccess(email, meta.ip);
  return startSession(deps, account, meta);
}

/**
 * Re-authentication before an irreversible step (erasing the account): the signed-in person's current
 * password, checked with the same hashing and counted by the same throttle as a sign-in, so a stolen
 * access token cannot be used to guess it. Wrong → FORBIDDEN (the caller is signed in, so not UNAUTHENTICATED).
 */
export async function verifyCurrentPassword(
  deps: AuthDeps,
  account: Pick<Account, "email" | "passwordHash">,
  password: string,
  meta: Pick<ClientMeta, "ip">,
): Promise<void> {
  const throttle = new LoginThrottle(deps);
  await throttle.admit(account.email, meta.ip);
  const valid = await argon2.verify(account.passwordHash, password).catch(() => false);
  if (!valid) {
    await throttle.recordFailure(account.email, meta.ip);
    throw forbidden("The password is wrong: confirm with your current password.");
  }
  await throttle.recordSuccess(account.email, meta.ip);
}

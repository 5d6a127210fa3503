import { badInput, conflict } from "@health/platform/errors";
import { isUniqueViolation } from "@health/platform/prisma";
import argon2 from "argon2";
import { z } from "zod";
import type { AuthDb } from "../db.ts";
import type { Account, Role } from "../generated/prisma/client.ts";
import { publishAccountCreated } from "./authEvents.ts";
import { passwordProblem } from "./passwordPolicy.ts";

export interface RegistrationInput {
  email: string;
  password: string;
  displayName: string;
}

const emailSchema = z.email();

/** argon2id with OWASP's recommended floor (19 MiB, 2 passes). */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Checks a registration before anything is written; throws BAD_USER_INPUT naming the field. */
export function validateRegistration(input: RegistrationInput): Required<RegistrationInput> {
  const email = normalizeEmail(input.email);
  if (!emailSchema.safeParse(email).success)
    throw badInput("email", `"${input.email}" is not a valid email address (expected name@example.com).`);
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > 80)
    throw badInput("displayName", "Display name must be 1 to 80 characters.");
  const problem = passwordProblem(input.password, email);
  if (problem) throw badInput("password", problem);
  return { ...input, email, displayName };
}

/**
 * Every account starts as a plain user: a role that grants power (coach, business, admin, ...) is never
 * chosen by the person it empowers. Coaches apply and an admin approves (`coachApplications.ts`).
 */
export async function registerAccount(db: AuthDb, input: RegistrationInput): Promise<Account> {
  const valid = validateRegistration(input);
  const passwordHash = await hashPassword(valid.password);
  const roles: Role[] = ["user"];
  try {
    return await db.$transaction(async (tx) => {
      const account = await tx.account.create({
        data: { email: valid.email, displayName: valid.displayName, passwordHash, roles },
      });
      await publishAccountCreated(tx, account);
      return account;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`An account with email ${valid.email} already exists; sign in instead.`);
    throw error;
  }
}

import type { Infrastructure } from "@health/platform/server";
import type { PrismaClient } from "./generated/prisma/client.ts";

export type UserDb = PrismaClient;

/** Redis and NATS are held for readiness and for the events of a later issue; the domain uses only `db`. */
export type UserDeps = Infrastructure<UserDb>;

import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

// The database types live apart from `deps.ts` (the bundle of services) so that domain files can name
// them without importing the services, some of which import the domain back (issue 18 point 3).

/** This subgraph's Prisma client: the only database it reads and writes. */
export type OpsDb = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. */
export type OpsTx = Prisma.TransactionClient;

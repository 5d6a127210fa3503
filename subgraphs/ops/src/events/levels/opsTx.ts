import type { SqlExecutor } from "@health/platform/events";
import type { OpsTx } from "../../db.ts";

/**
 * The consumer hands a handler the transaction client of the db it was given: our Prisma client's, so
 * the raw `SqlExecutor` it is typed as is a full Prisma transaction client.
 */
export const asOpsTx = (tx: SqlExecutor): OpsTx => tx as unknown as OpsTx;

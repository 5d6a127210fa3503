import type { SqlExecutor } from "@health/platform/events";
import type { BizTx } from "../db.ts";

/**
 * The consumer hands a handler the transaction client of the db it was given: our Prisma client's, so
 * the raw `SqlExecutor` it is typed as is a full Prisma transaction client.
 */
export const asBizTx = (tx: SqlExecutor): BizTx => tx as unknown as BizTx;

import { accountHeldV1, accountReleasedV1 } from "@health/events/catalog";
import { AppError } from "../errors/appError.ts";
import { ErrorCode } from "../errors/errorCode.ts";
import { type HandlerRegistration, on } from "../events/handlers.ts";
import type { SqlExecutor } from "../events/sql.ts";
import { isHeld, recordHold, recordRelease } from "./holdsTable.ts";

/** `extensions.reason` of the FORBIDDEN a held account gets. */
export const ACCOUNT_HELD = "ACCOUNT_HELD";

/** The FORBIDDEN a held account's refused action gets (`what`: "grab orders", "make payments"...). */
export const accountHeld = (what: string): AppError =>
  new AppError(
    ErrorCode.FORBIDDEN,
    `Your account is on hold, so you cannot ${what} for now. Contact support to have the hold reviewed.`,
    { details: { reason: ACCOUNT_HELD } },
  );

/**
 * Refuses (FORBIDDEN, `extensions.reason: ACCOUNT_HELD`) when `userId` has an unreleased hold in this
 * subgraph's own `account_holds` table. Reads the local copy only: with ops down, holds already
 * received still apply and none are lost (they wait on the stream).
 */
export async function assertNotHeld(db: SqlExecutor, userId: string, what: string): Promise<void> {
  if (await isHeld(db, userId)) throw accountHeld(what);
}

/** account_held / account_released into the local `account_holds`, for the subgraph's consumer list. */
export const accountHoldHandlers = (): HandlerRegistration[] => [
  on(accountHeldV1, async (tx, { payload }) => {
    await recordHold(tx, { ...payload, heldAt: new Date(payload.heldAt) });
  }),
  on(accountReleasedV1, async (tx, { payload }) => {
    await recordRelease(tx, { ...payload, releasedAt: new Date(payload.releasedAt) });
  }),
];

import { settlementRecordedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordOrderSettled } from "../domain/workbench/projection.ts";
import { asBizTx } from "./bizTx.ts";

/** settlement_recorded → the coach's payout for the order. */
export const settlementRecordedHandler = on(settlementRecordedV1, (tx, { payload }) =>
  recordOrderSettled(asBizTx(tx), {
    orderId: payload.orderId,
    coachId: payload.coachId,
    payoutAmount: payload.coachPayout,
    currency: payload.currency,
    settledAt: new Date(payload.settledAt),
  }),
);

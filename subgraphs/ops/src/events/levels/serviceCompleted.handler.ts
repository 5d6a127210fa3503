import { serviceCompletedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import type { OpsDeps } from "../../deps.ts";
import { recordOrderCompleted } from "../../domain/ratings/coachOrders.ts";
import { asOpsTx } from "./opsTx.ts";

/** service_completed → the order counts for its coach's level, and its customer (userId) may rate it. */
export const serviceCompletedHandler = (deps: Pick<OpsDeps, "levelThresholds">) =>
  on(serviceCompletedV1, async (tx, { payload }) => {
    await recordOrderCompleted(
      asOpsTx(tx),
      {
        orderId: payload.orderId,
        customerId: payload.userId,
        coachId: payload.healthWorkerId,
        completedAt: new Date(payload.completionTime),
      },
      deps.levelThresholds,
      new Date(),
    );
  });

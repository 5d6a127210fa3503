import { catalog } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { analyticsEffectOf, recordAnalytics } from "../domain/analytics/record.ts";

/** The analytics' durable consumer (inbox rows, JetStream consumer, dead letters). */
export const ANALYTICS_CONSUMER = "ops-analytics";

/** Every catalogued event (each one's actor is an active user that day); a few move more figures. */
export const analyticsEventHandlers = (): HandlerRegistration[] =>
  catalog.map((event) =>
    on(event, async (tx, envelope) => {
      await recordAnalytics(tx, analyticsEffectOf(event, envelope));
    }),
  );

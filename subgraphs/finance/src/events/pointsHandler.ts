import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { FinanceTx } from "../db.ts";
import { awardPoints } from "../domain/points/award.ts";
import type { PointsAward } from "../domain/points/rules.ts";

/** Which award an event earns, if any. */
export type AwardRule<E extends EventDefinition> = (
  envelope: EventEnvelope<EventPayload<E>>,
) => PointsAward | null;

/**
 * The consumer hands a handler the transaction client of the db it was given: our Prisma client's, so
 * the raw `SqlExecutor` it is typed as is a full Prisma transaction client.
 */
export const asFinanceTx = (tx: SqlExecutor): FinanceTx => tx as unknown as FinanceTx;

/** A handler that only turns its event into `awardPoints`, once per event id. */
export const pointsHandler = <E extends EventDefinition>(event: E, rule: AwardRule<E>): HandlerRegistration =>
  on(event, async (tx, envelope) => {
    const award = rule(envelope);
    if (award) await awardPoints(asFinanceTx(tx), award, envelope.id, new Date());
  });

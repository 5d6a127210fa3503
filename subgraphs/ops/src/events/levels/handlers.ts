import type { HandlerRegistration } from "@health/platform/events";
import type { OpsDeps } from "../../deps.ts";
import { orderAssignedHandler } from "./orderAssigned.handler.ts";
import { serviceCompletedHandler } from "./serviceCompleted.handler.ts";

/** M05's durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const LEVELS_CONSUMER = "ops-levels";

/** Trade's order events M05 needs: whose order it is, and that it completed (ratings and levels). */
export const levelsEventHandlers = (deps: Pick<OpsDeps, "levelThresholds">): HandlerRegistration[] => [
  orderAssignedHandler,
  serviceCompletedHandler(deps),
];

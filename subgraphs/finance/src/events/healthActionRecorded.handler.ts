import { healthActionRecordedV1 } from "@health/events/catalog";
import { healthActionAward } from "../domain/points/rules.ts";
import { pointsHandler } from "./pointsHandler.ts";

/** health_action_recorded → points to the user who recorded it. */
export const healthActionRecordedHandler = pointsHandler(healthActionRecordedV1, (event) =>
  healthActionAward(event.payload.userId),
);

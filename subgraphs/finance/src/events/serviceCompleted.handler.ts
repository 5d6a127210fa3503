import { serviceCompletedV1 } from "@health/events/catalog";
import { serviceCompletedAward } from "../domain/points/rules.ts";
import { pointsHandler } from "./pointsHandler.ts";

/** service_completed → points to the customer whose order was completed. */
export const serviceCompletedHandler = pointsHandler(serviceCompletedV1, (event) =>
  serviceCompletedAward(event.payload.userId),
);

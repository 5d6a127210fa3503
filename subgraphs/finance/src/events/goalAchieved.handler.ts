import { goalAchievedV1 } from "@health/events/catalog";
import { goalAchievedAward } from "../domain/points/rules.ts";
import { pointsHandler } from "./pointsHandler.ts";

/** goal_achieved → points to the user who met the goal. */
export const goalAchievedHandler = pointsHandler(goalAchievedV1, (event) =>
  goalAchievedAward(event.payload.userId),
);

import { inventoryUpdatedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/**
 * inventory_updated makes no activity: it is about a product's stock, not about a person, so it has no
 * actor and no feed to appear in. Consumed (and recorded in the inbox) like every catalog event.
 */
export const inventoryUpdatedActivity: ActivityMapper<typeof inventoryUpdatedV1> = (_event) => null;

export const inventoryUpdatedHandler = activityHandler(inventoryUpdatedV1, inventoryUpdatedActivity);

import { deviceDataSyncedV1 } from "@health/events/catalog";
import { type ActivityMapper, activityHandler } from "./activityHandler.ts";

/** device_data_synced → DEVICE_DATA_SYNCED about the device's owner. */
export const deviceDataSyncedActivity: ActivityMapper<typeof deviceDataSyncedV1> = (event) => ({
  type: "DEVICE_DATA_SYNCED",
  sourceEventId: event.id,
  actorId: event.payload.userId,
  objectType: "DEVICE_BINDING",
  objectId: event.payload.deviceBindingId,
  summary: "synced a health device",
  occurredAt: new Date(event.payload.syncedAt),
});

export const deviceDataSyncedHandler = activityHandler(deviceDataSyncedV1, deviceDataSyncedActivity);

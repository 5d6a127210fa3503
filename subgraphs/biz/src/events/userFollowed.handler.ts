import { userFollowedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordFollowChange } from "../domain/workbench/followerProjection.ts";
import { asBizTx } from "./bizTx.ts";

/** user_followed → a new follower of the followee's workbench. */
export const userFollowedHandler = on(userFollowedV1, (tx, { id, payload }) =>
  recordFollowChange(asBizTx(tx), {
    eventId: id,
    coachId: payload.followeeId,
    followerId: payload.followerId,
    kind: "FOLLOWED",
    at: new Date(payload.at),
  }),
);

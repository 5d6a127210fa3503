import { userUnfollowedV1 } from "@health/events/catalog";
import { on } from "@health/platform/events";
import { recordFollowChange } from "../domain/workbench/followerProjection.ts";
import { asBizTx } from "./bizTx.ts";

/** user_unfollowed → a follower the followee's workbench lost. */
export const userUnfollowedHandler = on(userUnfollowedV1, (tx, { id, payload }) =>
  recordFollowChange(asBizTx(tx), {
    eventId: id,
    coachId: payload.followeeId,
    followerId: payload.followerId,
    kind: "UNFOLLOWED",
    at: new Date(payload.at),
  }),
);

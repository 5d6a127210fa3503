import { randomUUID } from "node:crypto";
import { userFollowedV1, userUnfollowedV1 } from "@health/events/catalog";
import type { SqlExecutor } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bizEventHandlers } from "../src/events/handlers.ts";
import { envelopeOf } from "./fixtures.ts";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const WORKBENCH = `query Workbench($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID) {
  workbench(from: $from, to: $to, coachId: $coachId) {
    followers { total newFollowers unfollows days { date newFollowers unfollows } }
  }
}`;

interface Followers {
  total: number;
  newFollowers: number;
  unfollows: number;
  days: Array<{ date: string; newFollowers: number; unfollows: number }>;
}

/** Today and the day before (UTC), so events stamped now are inside. */
const period = () => {
  const to = new Date(Date.now() + 60_000);
  return { from: new Date(to.getTime() - 24 * 3600_000).toISOString(), to: to.toISOString() };
};

const followersOf = async (token: string, coachId?: string) => {
  const result = await h.request<{ workbench: { followers: Followers } }>(
    WORKBENCH,
    { ...period(), coachId },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data?.workbench.followers as Followers;
};

/** The coach's followers once `ready` holds of them (the consumer works within seconds). */
const followersWhen = (token: string, ready: (f: Followers) => boolean) =>
  eventually(() => followersOf(token), ready, 5_000);

const change = (followerId: string, followeeId: string, at = new Date()) => ({
  followerId,
  followeeId,
  at: at.toISOString(),
});
const today = () => new Date().toISOString().slice(0, 10);

describe("the workbench's followers, fed by dynamic's events", () => {
  it("counts new followers per day, unfollows, and the total now", async () => {
    const coach = await h.person(["user", "coach"]);
    const [ann, bob] = [randomUUID(), randomUUID()];
    await h.publish(userFollowedV1, envelopeOf(userFollowedV1, change(ann, coach.id)));
    await h.publish(userFollowedV1, envelopeOf(userFollowedV1, change(bob, coach.id)));
    await h.publish(userFollowedV1, envelopeOf(userFollowedV1, change(ann, randomUUID())));
    const followed = await followersWhen(coach.token, (f) => f.total === 2);
    expect(followed).toMatchObject({ total: 2, newFollowers: 2, unfollows: 0 });
    expect(followed.days).toHaveLength(2);
    expect(followed.days.find((day) => day.date === today())).toEqual({
      date: today(),
      newFollowers: 2,
      unfollows: 0,
    });

    await h.publish(userUnfollowedV1, envelopeOf(userUnfollowedV1, change(bob, coach.id)));
    const unfollowed = await followersWhen(coach.token, (f) => f.unfollows === 1);
    expect(unfollowed).toMatchObject({ total: 1, newFollowers: 2, unfollows: 1 });
  });

  it("keeps the latest change of a pair when an older one arrives late", async () => {
    const coach = await h.person(["user", "coach"]);
    const fan = randomUUID();
    const followedAt = new Date(Date.now() - 60_000);
    // The unfollow overtakes the follow it ends (one aggregate: handled in this order); the follow,
    // older, must not make the fan a follower again.
    const meta = { aggregateId: coach.id };
    await h.publish(userUnfollowedV1, envelopeOf(userUnfollowedV1, change(fan, coach.id), meta));
    await h.publish(userFollowedV1, envelopeOf(userFollowedV1, change(fan, coach.id, followedAt), meta));
    const followers = await followersWhen(coach.token, (f) => f.newFollowers === 1 && f.unfollows === 1);
    expect(followers.total).toBe(0);
  });

  it("counts a redelivered event once", async () => {
    const coach = await h.person(["user", "coach"]);
    const followed = envelopeOf(userFollowedV1, change(randomUUID(), coach.id), { aggregateId: coach.id });
    await h.publish(userFollowedV1, followed);
    // A second copy under another Nats-Msg-Id: JetStream's dedupe cannot catch it, the inbox must.
    await h.publish(userFollowedV1, followed, randomUUID());
    await eventually(
      () => h.db.inboxEvent.count({ where: { eventId: followed.id } }),
      (count) => count === 1,
    );
    // And a handler run twice outside the inbox changes nothing either (the projection is idempotent).
    const handler = bizEventHandlers(h.deps).find((registration) => registration.event === userFollowedV1);
    await h.db.$transaction(
      (tx: SqlExecutor) =>
        handler?.handle(tx, followed, { afterCommit: () => undefined }) ?? Promise.resolve(),
    );
    // A marker behind the copy, of the same aggregate: the consumer handles one aggregate's events in
    // order, so once the marker is in, the copy has been handled too.
    const marker = envelopeOf(userFollowedV1, change(randomUUID(), randomUUID()), { aggregateId: coach.id });
    await h.publish(userFollowedV1, marker);
    await eventually(
      () => h.db.inboxEvent.count({ where: { eventId: marker.id } }),
      (count) => count === 1,
    );
    expect(await followersOf(coach.token)).toMatchObject({ total: 1, newFollowers: 1, unfollows: 0 });
  });

  it("shows followers only to the coach and an admin", async () => {
    const coach = await h.person(["user", "coach"]);
    const other = await h.person(["user", "coach"]);
    const admin = await h.person(["user", "admin"]);
    const refused = await h.request(WORKBENCH, { ...period(), coachId: coach.id }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await followersOf(admin.token, coach.id)).total).toBe(0);
  });
});

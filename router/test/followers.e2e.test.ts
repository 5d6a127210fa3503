import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Followers on the M03 workbench through the router (issue 11): a follow in dynamic goes out as
// user_followed through dynamic's outbox, and biz's projection shows it in the coach's workbench.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform({ biz: true });
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};

const FOLLOWERS = `query($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID) {
  workbench(from: $from, to: $to, coachId: $coachId) {
    followers { total newFollowers unfollows days { date newFollowers unfollows } }
  }
}`;
interface FollowersData {
  workbench: {
    followers: {
      total: number;
      newFollowers: number;
      unfollows: number;
      days: Array<{ date: string; newFollowers: number; unfollows: number }>;
    };
  };
}
const lastDay = () => {
  const to = new Date(Date.now() + 60_000);
  return { from: new Date(to.getTime() - 24 * 3600_000).toISOString(), to: to.toISOString() };
};
const followersOf = (token: string) => request<FollowersData>(FOLLOWERS, lastDay(), token);

describe("the coach's followers on the workbench", () => {
  it("shows a new follower within seconds, then the unfollow", async () => {
    const coach = await signUpCoach(platform, request, "FollowedCoach");
    const fan = await signUp(request, "Fan");
    expect((await ok<FollowersData>(FOLLOWERS, lastDay(), coach.token)).workbench.followers).toMatchObject({
      total: 0,
      newFollowers: 0,
      unfollows: 0,
    });

    await ok("mutation($id: ID!) { follow(userId: $id) { id } }", { id: coach.id }, fan.token);
    const followed = await eventually(
      () => followersOf(coach.token),
      (result) => result.data?.workbench.followers.total === 1,
      10_000,
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(followed.data?.workbench.followers).toMatchObject({ total: 1, newFollowers: 1, unfollows: 0 });
    expect(followed.data?.workbench.followers.days.find((day) => day.date === today)).toEqual({
      date: today,
      newFollowers: 1,
      unfollows: 0,
    });

    await ok("mutation($id: ID!) { unfollow(userId: $id) { id } }", { id: coach.id }, fan.token);
    const unfollowed = await eventually(
      () => followersOf(coach.token),
      (result) => result.data?.workbench.followers.unfollows === 1,
      10_000,
    );
    expect(unfollowed.data?.workbench.followers).toMatchObject({ total: 0, newFollowers: 1, unfollows: 1 });

    // The follower, a plain user, cannot read the coach's workbench.
    const refused = await request(FOLLOWERS, { ...lastDay(), coachId: coach.id }, fan.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

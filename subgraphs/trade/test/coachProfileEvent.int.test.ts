import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileInput, SET_PROFILE, startTradeSubgraph, type TradeHarness } from "./harness.ts";

// Issue 12: setCoachProfile tells the platform (ai's smart matching) the coach's rules, in its transaction.

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

const published = async (coachId: string) =>
  (
    await h.db.outboxEvent.findMany({
      where: { subject: { contains: "coach_profile_updated" }, aggregateId: coachId },
    })
  ).map((row) => (row.envelope as { payload: Record<string, unknown> }).payload);

describe("coach_profile_updated", () => {
  it("is written with every profile set, carrying the whole profile but its level", async () => {
    const coach = await h.person(["coach"]);
    expect((await h.request(SET_PROFILE, { input: profileInput() }, coach.token)).errors).toBeUndefined();
    const row = await h.db.coachProfile.findUniqueOrThrow({ where: { coachId: coach.id } });
    expect(await published(coach.id)).toEqual([
      {
        coachId: coach.id,
        specialties: row.specialties,
        regions: row.regions,
        capacity: row.capacity,
        updatedAt: row.updatedAt.toISOString(),
      },
    ]);
    await h.request(SET_PROFILE, { input: { ...profileInput(), capacity: 5 } }, coach.token);
    expect((await published(coach.id)).map((p) => p.capacity)).toEqual([row.capacity, 5]);
  });

  it("is not written when the profile is refused", async () => {
    const coach = await h.person(["coach"]);
    const bad = await h.request(SET_PROFILE, { input: { ...profileInput(), capacity: 0 } }, coach.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await published(coach.id)).toEqual([]);
  });
});

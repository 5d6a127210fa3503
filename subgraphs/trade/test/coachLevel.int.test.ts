import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAB, profileInput, SET_PROFILE, startTradeSubgraph, type TradeHarness } from "./harness.ts";

// A coach's level is computed by ops and arrives as coach_level_changed (issue 12); never the coach's
// choice (issue 16, point 4), and no longer an admin's in trade.

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

const profileOf = (coachId: string) => h.db.coachProfile.findUniqueOrThrow({ where: { coachId } });
const levelOf = async (coachId: string) => (await profileOf(coachId)).level;

describe("coach levels", () => {
  it("setCoachProfile takes no level: sending one is a validation error and writes nothing", async () => {
    const coach = await h.person(["coach"]);
    const result = await h.request(SET_PROFILE, { input: { ...profileInput(), level: 5 } }, coach.token);
    expect(result.errors?.[0]?.message).toMatch(/"level" is not defined by type "SetCoachProfileInput"/);
    expect(await h.db.coachProfile.count({ where: { coachId: coach.id } })).toBe(0);
  });

  it("setCoachLevel is gone: no admin sets a level in trade any more", async () => {
    const coach = await h.coachWithProfile({ level: 1 });
    const admin = await h.person(["user", "admin"]);
    const result = await h.request(
      "mutation($id: ID!) { setCoachLevel(coachId: $id, level: 5) { level } }",
      { id: coach.id },
      admin.token,
    );
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "setCoachLevel"/);
    expect(await levelOf(coach.id)).toBe(1);
  });

  it("a new profile starts at level 1, takes ops's level, and keeps it when the coach edits the profile", async () => {
    const coach = await h.coachWithProfile({ level: 1 });
    expect(await profileOf(coach.id)).toMatchObject({ level: 1, levelSequence: 0 });
    const before = (await profileOf(coach.id)).updatedAt;
    await h.publishLevel(coach.id, 4, 1);
    const leveled = await profileOf(coach.id);
    expect(leveled).toMatchObject({ level: 4, levelSequence: 1 });
    // updated_at moves: a grab decided on the old level settles against the new one.
    expect(leveled.updatedAt.getTime()).toBeGreaterThan(before.getTime());
    const edited = await h.request(SET_PROFILE, { input: profileInput({ capacity: 7 }) }, coach.token);
    expect(edited.errors).toBeUndefined();
    expect(await profileOf(coach.id)).toMatchObject({ level: 4, levelSequence: 1, capacity: 7 });
  });

  it("ignores a late redelivery of an older change: the highest sequence wins", async () => {
    const coach = await h.coachWithProfile({ level: 1 });
    await h.publishLevel(coach.id, 2, 1);
    await h.publishLevel(coach.id, 4, 3);
    await h.publishLevel(coach.id, 3, 2);
    await h.publishLevel(coach.id, 5, 3);
    expect(await profileOf(coach.id)).toMatchObject({ level: 4, levelSequence: 3 });
    expect(await h.db.coachLevel.findUnique({ where: { coachId: coach.id } })).toMatchObject({
      level: 4,
      sequence: 3,
    });
  });

  it("keeps a level that came before the profile and starts the profile from it", async () => {
    const coach = await h.person(["coach"]);
    await h.publishLevel(coach.id, 3, 2);
    expect(await h.db.coachProfile.count({ where: { coachId: coach.id } })).toBe(0);
    const created = await h.request<{ setCoachProfile: { level: number } }>(
      SET_PROFILE,
      { input: profileInput() },
      coach.token,
    );
    expect(created.data?.setCoachProfile.level).toBe(3);
    expect(await profileOf(coach.id)).toMatchObject({ level: 3, levelSequence: 2 });
    // An older change arriving after the profile was created still changes nothing.
    await h.publishLevel(coach.id, 1, 1);
    expect(await levelOf(coach.id)).toBe(3);
  });

  it("refuses a grab above the level ops set, names the rule, and accepts it once ops raises the level", async () => {
    const customer = await h.person();
    const coach = await h.coachWithProfile({ level: 1 });
    const orderId = await h.openOrder(customer, { minCoachLevel: 2 });
    const refused = await h.request(GRAB, { orderId }, coach.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/needs a level 2 coach and you are level 1/);
    await h.publishLevel(coach.id, 2, 1);
    const grabbed = await h.request<{ grabOrder: { status: string } }>(GRAB, { orderId }, coach.token);
    expect(grabbed.errors).toBeUndefined();
    expect(grabbed.data?.grabOrder.status).toBe("ASSIGNED");
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileInput, SET_LEVEL, SET_PROFILE, startTradeSubgraph, type TradeHarness } from "./harness.ts";

// A coach's level is an admin's decision, never the coach's (issue 16, point 4).

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

const levelOf = async (coachId: string) =>
  (await h.db.coachProfile.findUniqueOrThrow({ where: { coachId } })).level;

describe("coach levels", () => {
  it("setCoachProfile takes no level: sending one is a validation error and writes nothing", async () => {
    const coach = await h.person(["coach"]);
    const result = await h.request(SET_PROFILE, { input: { ...profileInput(), level: 5 } }, coach.token);
    expect(result.errors?.[0]?.message).toMatch(/"level" is not defined by type "SetCoachProfileInput"/);
    expect(await h.db.coachProfile.count({ where: { coachId: coach.id } })).toBe(0);
  });

  it("a new profile starts at level 1 and keeps the level an admin set when the coach edits it", async () => {
    const coach = await h.person(["coach"]);
    const admin = await h.person(["user", "admin"]);
    expect((await h.request(SET_PROFILE, { input: profileInput() }, coach.token)).errors).toBeUndefined();
    expect(await levelOf(coach.id)).toBe(1);
    const set = await h.request(SET_LEVEL, { coachId: coach.id, level: 4 }, admin.token);
    expect(set.data).toEqual({ setCoachLevel: { level: 4 } });
    const edited = await h.request(SET_PROFILE, { input: profileInput({ capacity: 7 }) }, coach.token);
    expect(edited.errors).toBeUndefined();
    expect(await levelOf(coach.id)).toBe(4);
  });

  it("only an admin sets a level, within 1–5, for a coach with a profile", async () => {
    const coach = await h.person(["coach"]);
    const admin = await h.person(["user", "admin"]);
    await h.request(SET_PROFILE, { input: profileInput() }, coach.token);
    const self = await h.request(SET_LEVEL, { coachId: coach.id, level: 5 }, coach.token);
    expect(self.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    for (const level of [0, 6]) {
      const bad = await h.request(SET_LEVEL, { coachId: coach.id, level }, admin.token);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "level" });
    }
    expect(await levelOf(coach.id)).toBe(1);
    const unknown = await h.request(SET_LEVEL, { coachId: randomUUID(), level: 2 }, admin.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const malformed = await h.request(SET_LEVEL, { coachId: "nope", level: 2 }, admin.token);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "coachId" });
  });
});

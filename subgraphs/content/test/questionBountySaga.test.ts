import { describe, expect, it } from "vitest";
import { QUESTION_BOUNTY_SAGA, questionBountySaga } from "../src/domain/questions/bountySaga.ts";
import { bountyExpiry } from "../src/domain/questions/rules.ts";

// The bounty's course as data: which steps wait for a reply and for how long, which undo themselves.
// Its moves against a real database are in questions.int.test.ts.

describe("the question bounty saga", () => {
  const saga = questionBountySaga({ holdTimeoutMs: 900_000, ttlMs: 7 * 86_400_000 });

  it("holds, opens, waits for an accepted answer for the bounty's lifetime, then pays", () => {
    expect(saga.name).toBe(QUESTION_BOUNTY_SAGA);
    expect(saga.steps.map((step) => [step.name, step.replyTimeoutMs ?? null])).toEqual([
      ["hold", 900_000],
      ["open", null],
      ["award", 7 * 86_400_000],
      ["pay", null],
    ]);
  });

  it("undoes the hold (reject, return what is held) and the award (RETURNED); opening and paying need no undo", () => {
    expect(saga.steps.map((step) => [step.name, typeof step.compensate === "function"])).toEqual([
      ["hold", true],
      ["open", false],
      ["award", true],
      ["pay", false],
    ]);
  });

  it("expires a held bounty its lifetime after it was held", () => {
    expect(bountyExpiry(new Date("2026-12-07T00:00:00Z"), 86_400_000)).toEqual(
      new Date("2026-12-08T00:00:00Z"),
    );
  });
});

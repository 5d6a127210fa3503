import { describe, expect, it } from "vitest";
import { followerFigures } from "../src/domain/workbench/followers.ts";

const at = (iso: string) => new Date(iso);
const period = { from: at("2026-05-01T00:00:00Z"), to: at("2026-05-03T00:00:00Z") };

describe("followerFigures", () => {
  it("puts each follow and unfollow on its UTC day, empty days zeroed, and keeps the total as given", () => {
    const figures = followerFigures(period, 7, [
      { kind: "FOLLOWED", at: at("2026-05-01T08:00:00Z") },
      { kind: "FOLLOWED", at: at("2026-05-01T23:59:59.999Z") },
      { kind: "UNFOLLOWED", at: at("2026-05-01T12:00:00Z") },
    ]);
    expect(figures).toEqual({
      total: 7,
      newFollowers: 2,
      unfollows: 1,
      days: [
        { date: "2026-05-01", newFollowers: 2, unfollows: 1 },
        { date: "2026-05-02", newFollowers: 0, unfollows: 0 },
      ],
    });
  });

  it("leaves out changes outside [from, to)", () => {
    const figures = followerFigures(period, 0, [
      { kind: "FOLLOWED", at: at("2026-04-30T23:59:59.999Z") },
      { kind: "UNFOLLOWED", at: at("2026-05-03T00:00:00Z") },
    ]);
    expect(figures.newFollowers).toBe(0);
    expect(figures.unfollows).toBe(0);
  });
});

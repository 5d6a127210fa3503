import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import { checkedSchedule } from "../src/domain/live/rules.ts";
import { canTransition, transition } from "../src/domain/live/stateMachine.ts";

const now = new Date("2026-12-07T15:00:00.000Z");
const at = (iso: string) => new Date(iso);

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions.code).toBe("BAD_USER_INPUT");
    return (error as AppError).extensions.field as string;
  }
  throw new Error("expected BAD_USER_INPUT");
}

describe("checkedSchedule", () => {
  it("trims the title and an empty description to null", () => {
    expect(
      checkedSchedule(
        { title: "  Morning yoga ", description: "  ", scheduledAt: at("2026-12-08T07:00:00Z") },
        now,
      ),
    ).toEqual({ title: "Morning yoga", description: null, scheduledAt: at("2026-12-08T07:00:00Z") });
  });

  it("names the field at fault", () => {
    const ok = { title: "Yoga", scheduledAt: at("2026-12-08T07:00:00Z") };
    expect(fieldOf(() => checkedSchedule({ ...ok, title: " " }, now))).toBe("input.title");
    expect(fieldOf(() => checkedSchedule({ ...ok, title: "x".repeat(121) }, now))).toBe("input.title");
    expect(fieldOf(() => checkedSchedule({ ...ok, description: "x".repeat(2001) }, now))).toBe(
      "input.description",
    );
    expect(fieldOf(() => checkedSchedule({ ...ok, scheduledAt: at("2026-12-07T14:50:00Z") }, now))).toBe(
      "input.scheduledAt",
    );
    expect(fieldOf(() => checkedSchedule({ ...ok, scheduledAt: at("2028-01-01T00:00:00Z") }, now))).toBe(
      "input.scheduledAt",
    );
    expect(fieldOf(() => checkedSchedule({ ...ok, scheduledAt: new Date(Number.NaN) }, now))).toBe(
      "input.scheduledAt",
    );
  });

  it("accepts a start a few minutes ago (clock skew, or 'now')", () => {
    expect(checkedSchedule({ title: "Now", scheduledAt: at("2026-12-07T14:58:00Z") }, now).title).toBe("Now");
  });
});

describe("the live stream state machine", () => {
  it("allows SCHEDULED → LIVE → ENDED only", () => {
    expect(canTransition("SCHEDULED", "LIVE")).toBe(true);
    expect(canTransition("LIVE", "ENDED")).toBe(true);
    expect(canTransition("SCHEDULED", "ENDED")).toBe(false);
    expect(canTransition("LIVE", "LIVE")).toBe(false);
    expect(canTransition("ENDED", "LIVE")).toBe(false);
  });

  it("refuses an illegal move with CONFLICT naming the current state", () => {
    try {
      transition("s1", "ENDED", "LIVE");
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).extensions).toMatchObject({ code: "CONFLICT", currentState: "ENDED" });
    }
  });
});

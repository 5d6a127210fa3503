import { describe, expect, it } from "vitest";
import { liveFigures } from "../src/domain/workbench/liveFigures.ts";

const at = (iso: string) => new Date(iso);
const period = { from: at("2026-03-01T00:00:00Z"), to: at("2026-03-03T00:00:00Z") };
const now = at("2026-03-02T12:00:00Z");

describe("liveFigures", () => {
  it("counts a stream on the day it started and splits its minutes across midnight", () => {
    const figures = liveFigures(
      period,
      [{ startedAt: at("2026-03-01T23:30:00Z"), endedAt: at("2026-03-02T00:45:30Z") }],
      now,
    );
    expect(figures).toEqual({
      streamsStarted: 1,
      minutesLive: 75,
      days: [
        { streamsStarted: 1, minutesLive: 30 },
        { streamsStarted: 0, minutesLive: 45 },
      ],
    });
  });

  it("counts a stream still LIVE up to now, and ignores one never started", () => {
    const figures = liveFigures(
      period,
      [
        { startedAt: at("2026-03-02T11:00:00Z"), endedAt: null },
        { startedAt: null, endedAt: null },
      ],
      now,
    );
    expect(figures.streamsStarted).toBe(1);
    expect(figures.minutesLive).toBe(60);
    expect(figures.days[1]).toEqual({ streamsStarted: 1, minutesLive: 60 });
  });

  it("counts only the part inside the period, and a stream started before it as not started in it", () => {
    const partial = { from: at("2026-03-01T12:00:00Z"), to: at("2026-03-01T13:00:00Z") };
    const figures = liveFigures(
      partial,
      [{ startedAt: at("2026-03-01T11:00:00Z"), endedAt: at("2026-03-01T14:00:00Z") }],
      now,
    );
    expect(figures).toEqual({
      streamsStarted: 0,
      minutesLive: 60,
      days: [{ streamsStarted: 0, minutesLive: 60 }],
    });
  });

  it("zeroes a period with no streams, one bucket per day", () => {
    expect(liveFigures(period, [], now)).toEqual({
      streamsStarted: 0,
      minutesLive: 0,
      days: [
        { streamsStarted: 0, minutesLive: 0 },
        { streamsStarted: 0, minutesLive: 0 },
      ],
    });
  });
});

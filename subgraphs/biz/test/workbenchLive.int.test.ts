import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const WORKBENCH = `query Workbench($from: DateTimeISO!, $to: DateTimeISO!) {
  workbench(from: $from, to: $to) {
    live { streamsStarted minutesLive }
    days { date live { streamsStarted minutesLive } }
  }
}`;

interface WorkbenchLiveData {
  workbench: {
    live: { streamsStarted: number; minutesLive: number };
    days: Array<{ date: string; live: { streamsStarted: number; minutesLive: number } }>;
  };
}

const stream = (hostId: string, startedAt: string | null, endedAt: string | null) => ({
  hostId,
  title: "Stretching",
  scheduledAt: new Date(startedAt ?? "2026-01-10T08:00:00Z"),
  status: endedAt ? ("ENDED" as const) : startedAt ? ("LIVE" as const) : ("SCHEDULED" as const),
  startedAt: startedAt ? new Date(startedAt) : null,
  endedAt: endedAt ? new Date(endedAt) : null,
});

describe("the workbench's live-stream figures", () => {
  it("counts the coach's own streams per day from biz's live_streams, and nobody else's", async () => {
    const coach = await h.person(["user", "coach"]);
    await h.db.liveStream.createMany({
      data: [
        stream(coach.id, "2026-01-10T09:00:00Z", "2026-01-10T09:40:00Z"),
        stream(coach.id, "2026-01-10T23:30:00Z", "2026-01-11T00:15:00Z"),
        stream(coach.id, null, null),
        stream(randomUUID(), "2026-01-10T10:00:00Z", "2026-01-10T11:00:00Z"),
      ],
    });
    const result = await h.request<WorkbenchLiveData>(
      WORKBENCH,
      { from: "2026-01-10T00:00:00Z", to: "2026-01-12T00:00:00Z" },
      coach.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.workbench).toEqual({
      live: { streamsStarted: 2, minutesLive: 85 },
      days: [
        { date: "2026-01-10", live: { streamsStarted: 2, minutesLive: 70 } },
        { date: "2026-01-11", live: { streamsStarted: 0, minutesLive: 15 } },
      ],
    });
  });
});

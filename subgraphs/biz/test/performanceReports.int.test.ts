import { bizActivityV1 } from "@health/events/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let h: BizHarness;
beforeAll(async () => {
  h = await startBizSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const SUBMIT = `mutation Submit($input: SubmitPerformanceReportInput!) {
  submitPerformanceReport(input: $input) {
    id coachId from to summary submittedAt
    metrics { name value unit }
  }
}`;
const REPORTS = `query Reports($coachId: ID, $first: Int, $after: String) {
  performanceReports(coachId: $coachId, first: $first, after: $after) {
    nodes { id coachId summary }
    pageInfo { endCursor hasNextPage }
  }
}`;

interface ReportsData {
  performanceReports: {
    nodes: Array<{ id: string; coachId: string; summary: string }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

const input = (overrides: Record<string, unknown> = {}) => ({
  from: "2026-05-01T00:00:00.000Z",
  to: "2026-06-01T00:00:00.000Z",
  summary: "More sessions than April; two new long-term clients.",
  metrics: [
    { name: "sessions", value: 42 },
    { name: "satisfaction", value: 4.8, unit: "of 5" },
  ],
  ...overrides,
});

describe("submitPerformanceReport", () => {
  it("stores the report and writes biz_activity to the outbox in the same transaction", async () => {
    const coach = await h.person(["user", "coach"]);
    const result = await h.request<{ submitPerformanceReport: { id: string } }>(
      SUBMIT,
      { input: input() },
      coach.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.submitPerformanceReport).toMatchObject({
      coachId: coach.id,
      from: "2026-05-01T00:00:00.000Z",
      to: "2026-06-01T00:00:00.000Z",
      summary: "More sessions than April; two new long-term clients.",
      metrics: [
        { name: "sessions", value: 42, unit: null },
        { name: "satisfaction", value: 4.8, unit: "of 5" },
      ],
    });
    const outbox = await h.db.outboxEvent.findMany({ where: { aggregateId: coach.id } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.subject).toBe(bizActivityV1.subject);
    const envelope = outbox[0]?.envelope as { name: string; payload: unknown };
    expect(envelope.name).toBe("biz_activity");
    // The contract checks the payload it carries.
    expect(bizActivityV1.payload.parse(envelope.payload)).toMatchObject({
      businessId: coach.id,
      kind: "performance_report",
      summary: "submitted a performance report for 2026-05-01 – 2026-05-31",
    });
  });

  it("refuses bad input before any write, naming the field", async () => {
    const coach = await h.person(["user", "coach"]);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ summary: "" }, "input.summary"],
      [{ summary: "x".repeat(2001) }, "input.summary"],
      [{ to: "2026-05-01T00:00:00.000Z" }, "input.to"],
      [{ to: "2027-06-01T00:00:00.000Z" }, "input.to"],
      [
        {
          metrics: [
            { name: "a", value: 1 },
            { name: "a", value: 2 },
          ],
        },
        "input.metrics.1.name",
      ],
    ];
    for (const [overrides, field] of cases) {
      const result = await h.request(SUBMIT, { input: input(overrides) }, coach.token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await h.db.performanceReport.count({ where: { businessId: coach.id } })).toBe(0);
    expect(await h.db.outboxEvent.count({ where: { aggregateId: coach.id } })).toBe(0);
  });

  it("is for coaches and business accounts only", async () => {
    const user = await h.person(["user"]);
    const result = await h.request(SUBMIT, { input: input() }, user.token);
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("performanceReports", () => {
  it("lists a coach's own, newest first, page by page; another coach's is FORBIDDEN; an admin sees any", async () => {
    const coach = await h.person(["user", "coach"]);
    const other = await h.person(["user", "coach"]);
    const admin = await h.person(["user", "admin"]);
    for (const summary of ["first", "second", "third"]) {
      expect((await h.request(SUBMIT, { input: input({ summary }) }, coach.token)).errors).toBeUndefined();
    }
    const page1 = await h.request<ReportsData>(REPORTS, { first: 2 }, coach.token);
    expect(page1.data?.performanceReports.nodes.map((n) => n.summary)).toEqual(["third", "second"]);
    expect(page1.data?.performanceReports.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.request<ReportsData>(
      REPORTS,
      { first: 2, after: page1.data?.performanceReports.pageInfo.endCursor },
      coach.token,
    );
    expect(page2.data?.performanceReports.nodes.map((n) => n.summary)).toEqual(["first"]);

    const refused = await h.request(REPORTS, { coachId: coach.id }, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.request<ReportsData>(REPORTS, {}, other.token)).data?.performanceReports.nodes).toEqual(
      [],
    );

    const byAdmin = await h.request<ReportsData>(REPORTS, { coachId: coach.id }, admin.token);
    expect(byAdmin.data?.performanceReports.nodes).toHaveLength(3);
  });
});

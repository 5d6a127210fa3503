import { describe, expect, it } from "vitest";
import {
  busSubject,
  catalogSubject,
  deadLetterStreamName,
  deadLetterStreamSubject,
  deadLetterSubject,
  eventsStreamName,
  eventsStreamSubjects,
} from "../../src/events/subjects.ts";

describe("subject and stream names", () => {
  it("are the catalog's own without a prefix", () => {
    expect(eventsStreamName()).toBe("EVENTS");
    expect(deadLetterStreamName()).toBe("EVENTS_DLQ");
    expect(busSubject("user.goal_achieved.v1")).toBe("user.goal_achieved.v1");
    expect(deadLetterStreamSubject()).toBe("dlq.>");
    expect(deadLetterSubject("feed", "user.goal_achieved.v1")).toBe("dlq.feed.user.goal_achieved.v1");
  });

  it("cover every producer in the catalog with one wildcard each", () => {
    expect(eventsStreamSubjects()).toEqual([
      "ai.>",
      "auth.>",
      "biz.>",
      "content.>",
      "dynamic.>",
      "ec.>",
      "finance.>",
      "ops.>",
      "trade.>",
      "user.>",
    ]);
  });

  it("move under a prefix: streams <prefix>_*, subjects <prefix>.*", () => {
    const options = { prefix: "t_ab12" };
    expect(eventsStreamName(options)).toBe("t_ab12_EVENTS");
    expect(deadLetterStreamName(options)).toBe("t_ab12_EVENTS_DLQ");
    expect(eventsStreamSubjects(options)).toContain("t_ab12.user.>");
    expect(busSubject("user.goal_achieved.v1", options)).toBe("t_ab12.user.goal_achieved.v1");
    expect(deadLetterStreamSubject(options)).toBe("t_ab12.dlq.>");
    expect(deadLetterSubject("feed", "t_ab12.user.goal_achieved.v1", options)).toBe(
      "t_ab12.dlq.feed.user.goal_achieved.v1",
    );
  });

  it("strip the prefix back, and only their own", () => {
    expect(catalogSubject("t_ab12.user.goal_achieved.v1", { prefix: "t_ab12" })).toBe(
      "user.goal_achieved.v1",
    );
    expect(catalogSubject("t_zz.user.goal_achieved.v1", { prefix: "t_ab12" })).toBeUndefined();
    expect(catalogSubject("user.goal_achieved.v1")).toBe("user.goal_achieved.v1");
  });

  it("refuse a prefix that is not one subject token", () => {
    expect(() => eventsStreamName({ prefix: "a.b" })).toThrow(/one subject token/);
    expect(() => busSubject("user.x.v1", { prefix: "a b" })).toThrow(/one subject token/);
  });
});

import { describe, expect, it } from "vitest";
import {
  durableConsumerConfig,
  subjectFilter,
  supportsFilterSubjects,
} from "../../src/events/consumerConfig.ts";

describe("a consumer's subject filter", () => {
  it("is the subject itself for one handler", () => {
    expect(subjectFilter(["user.goal_achieved.v1"], "2.9.10")).toEqual({
      filter_subject: "user.goal_achieved.v1",
    });
  });

  it("lists every subject on servers from 2.10", () => {
    expect(supportsFilterSubjects("2.10.0")).toBe(true);
    expect(supportsFilterSubjects("2.9.10")).toBe(false);
    expect(subjectFilter(["trade.order_created.v1", "user.goal_achieved.v1"], "2.10.14")).toEqual({
      filter_subjects: ["trade.order_created.v1", "user.goal_achieved.v1"],
    });
  });

  it("falls back to the common producer, or the whole stream, before 2.10", () => {
    expect(subjectFilter(["t_1.user.goal_achieved.v1", "t_1.user.device_data_synced.v1"], "2.9.10")).toEqual({
      filter_subject: "t_1.user.>",
    });
    expect(subjectFilter(["trade.order_created.v1", "user.goal_achieved.v1"], "2.9.10")).toEqual({});
  });

  it("is durable, explicitly acked, and leaves the delivery limit to the consumer", () => {
    expect(
      durableConsumerConfig({
        consumer: "feed",
        subjects: ["user.goal_achieved.v1"],
        ackWaitMs: 1_500,
        serverVersion: "2.9.10",
      }),
    ).toMatchObject({
      durable_name: "feed",
      ack_policy: "explicit",
      deliver_policy: "all",
      ack_wait: 1_500_000_000,
      max_deliver: -1,
      filter_subject: "user.goal_achieved.v1",
    });
  });
});

import { describe, expect, it } from "vitest";
import { catalog, eventBySubject, healthActionRecordedV1 } from "../src/catalog.ts";
import { DATA_HOLDERS } from "../src/privacyAnswers.ts";

const SEED_EVENTS = [
  "health_action_recorded",
  "goal_achieved",
  "device_data_synced",
  "order_created",
  "order_assigned",
  "service_completed",
  "content_published",
  "question_answered",
  "post_liked",
  "live_started",
  "community_created",
  "biz_activity",
  "product_purchased",
  "ad_clicked",
  "inventory_updated",
  "payment_success",
  "points_awarded",
  "gift_sent",
];

/** Events the seed does not name, added for the platform's own flows (the payment sagas, follows, the live engine). */
const PLATFORM_EVENTS = [
  "order_payment_requested",
  "order_cancelled",
  "shop_order_payment_requested",
  "shop_order_cancelled",
  "course_payment_requested",
  "payment_authorized",
  "payment_failed",
  "course_purchase_cancelled",
  "course_purchased",
  "settlement_recorded",
  "user_followed",
  "user_unfollowed",
  "community_payment_requested",
  "community_membership_cancelled",
  "bounty_hold_requested",
  "bounty_held",
  "bounty_hold_refused",
  "bounty_payout_requested",
  "bounty_return_requested",
  "live_ended",
  "grab_attempted",
  "coach_rated",
  "coach_level_changed",
  "account_held",
  "account_released",
  "risk_scored",
  "health_data_accessed",
  "coach_profile_updated",
  // One per producer (finance, content, biz, trade, ec): a contract has one producer.
  "admin_action_recorded",
  "admin_action_recorded",
  "admin_action_recorded",
  "admin_action_recorded",
  "admin_action_recorded",
  "account_created",
  "login_failed",
  "chat_message_sent",
  "admin_action_recorded", // auth's
  // Data-subject rights: auth's requests, and every data-holding subgraph's two answers.
  "data_export_requested",
  "account_erasure_started",
  ...DATA_HOLDERS.map(() => "data_export_part_ready"),
  ...DATA_HOLDERS.map(() => "account_erasure_acknowledged"),
];

describe("event catalog", () => {
  it("holds every event the seed names and the sagas' own, each on its own subject", () => {
    expect(catalog.map((event) => event.name).sort()).toEqual([...SEED_EVENTS, ...PLATFORM_EVENTS].sort());
    expect(new Set(catalog.map((event) => event.subject)).size).toBe(catalog.length);
  });

  it("names subjects <producer>.<name>.v<version>", () => {
    expect(healthActionRecordedV1.subject).toBe("user.health_action_recorded.v1");
    expect(eventBySubject("user.health_action_recorded.v1")).toBe(healthActionRecordedV1);
    expect(eventBySubject("user.unknown.v1")).toBeUndefined();
  });

  it("validates payloads with their schema", () => {
    const valid = {
      actionId: "5f0c8f9e-3c1a-4f39-9d4e-2f4b8f0a1c11",
      userId: "5f0c8f9e-3c1a-4f39-9d4e-2f4b8f0a1c12",
      type: "WORKOUT",
      durationMinutes: 30,
      occurredAt: "2026-11-21T10:00:00.000Z",
    };
    expect(healthActionRecordedV1.payload.safeParse(valid).success).toBe(true);
    expect(healthActionRecordedV1.payload.safeParse({ ...valid, type: "NAP" }).success).toBe(false);
  });
});

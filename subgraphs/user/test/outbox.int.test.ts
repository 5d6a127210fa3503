import { eventsStreamName } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

const RECORD_ACTION = `mutation Act($input: RecordHealthActionInput!) {
  recordHealthAction(input: $input) { id userId type }
}`;
const RECORD = `mutation Record($input: RecordHealthDataInput!) {
  recordHealthData(input: $input) { record { id } achievedGoals { id metric } }
}`;
const SET_GOAL = `mutation Goal($input: SetHealthGoalInput!) { setHealthGoal(input: $input) { id } }`;
const BIND = `mutation Bind($input: BindDeviceInput!) { bindDevice(input: $input) { id } }`;
const SYNC = `mutation Sync($input: SyncDeviceDataInput!) {
  syncDeviceData(input: $input) { records { metric value } achievedGoals { metric } }
}`;

interface OutboxRow {
  id: string;
  subject: string;
  aggregate_id: string;
  envelope: { id: string; name: string; actorId: string | null; payload: Record<string, unknown> };
  sent_at: Date | null;
}

let h: UserHarness;
beforeAll(async () => {
  h = await startUserSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const outboxOf = (userId: string) =>
  h.db.$queryRawUnsafe<OutboxRow[]>(
    "SELECT id::text, subject, aggregate_id, envelope, sent_at FROM outbox_events WHERE aggregate_id = $1 ORDER BY created_at, id",
    userId,
  );

describe("the user subgraph's events go through the outbox", () => {
  it("recording an action writes exactly one health_action_recorded row, committed with the action", async () => {
    const me = await h.person();
    const res = await h.request<{ recordHealthAction: { id: string } }>(
      RECORD_ACTION,
      { input: { type: "WORKOUT", durationMinutes: 30 } },
      me.token,
    );
    expect(res.errors).toBeUndefined();
    const rows = await outboxOf(me.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      subject: "user.health_action_recorded.v1",
      aggregate_id: me.id,
      envelope: {
        name: "health_action_recorded",
        actorId: me.id,
        payload: {
          actionId: res.data?.recordHealthAction.id,
          userId: me.id,
          type: "WORKOUT",
          durationMinutes: 30,
        },
      },
    });
  });

  it("the relay publishes the row to JetStream with the event id as Nats-Msg-Id, and marks it sent", async () => {
    const me = await h.person();
    await h.request(RECORD_ACTION, { input: { type: "MEAL" } }, me.token);
    const [row] = await eventually(
      () => outboxOf(me.id),
      (rows) => rows[0]?.sent_at != null,
    );
    expect(row?.sent_at).not.toBeNull();
    const jsm = await h.nats.jetstreamManager();
    const message = await jsm.streams.getMessage(eventsStreamName(h.bus), {
      last_by_subj: `${h.bus.prefix}.user.health_action_recorded.v1`,
    });
    expect(message.header.get("Nats-Msg-Id")).toBe(row?.envelope.id);
    expect(message.json<{ aggregateId: string }>().aggregateId).toBe(me.id);
  });

  it("a failed outbox write rolls the action back: neither is stored", async () => {
    const me = await h.person();
    const constraint = `refuse_${me.id.replaceAll("-", "")}`;
    await h.db.$executeRawUnsafe(
      `ALTER TABLE outbox_events ADD CONSTRAINT ${constraint} CHECK (aggregate_id <> '${me.id}')`,
    );
    try {
      const res = await h.request(RECORD_ACTION, { input: { type: "WATER" } }, me.token);
      expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL");
    } finally {
      await h.db.$executeRawUnsafe(`ALTER TABLE outbox_events DROP CONSTRAINT ${constraint}`);
    }
    expect(await h.db.healthAction.count({ where: { userId: me.id } })).toBe(0);
    expect(await outboxOf(me.id)).toHaveLength(0);
  });

  it("a failed or refused action writes no event", async () => {
    const me = await h.person();
    const constraint = `refuse_${me.id.replaceAll("-", "")}`;
    await h.db.$executeRawUnsafe(
      `ALTER TABLE health_actions ADD CONSTRAINT ${constraint} CHECK (user_id <> '${me.id}')`,
    );
    try {
      const res = await h.request(RECORD_ACTION, { input: { type: "WATER" } }, me.token);
      expect(res.errors?.[0]?.extensions?.code).toBe("INTERNAL");
    } finally {
      await h.db.$executeRawUnsafe(`ALTER TABLE health_actions DROP CONSTRAINT ${constraint}`);
    }
    const refused = await h.request(
      RECORD_ACTION,
      { input: { type: "WATER", durationMinutes: 0 } },
      me.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.durationMinutes",
    });
    expect(await outboxOf(me.id)).toHaveLength(0);
  });

  it("a record that achieves a goal publishes goal_achieved for it, once", async () => {
    const me = await h.person();
    const goal = await h.request<{ setHealthGoal: { id: string } }>(
      SET_GOAL,
      { input: { metric: "WEIGHT", target: 70, direction: "AT_MOST" } },
      me.token,
    );
    expect(goal.errors).toBeUndefined();
    await h.request(RECORD, { input: { metric: "WEIGHT", value: 72 } }, me.token);
    expect(await outboxOf(me.id)).toHaveLength(0);
    await h.request(RECORD, { input: { metric: "WEIGHT", value: 69.5 } }, me.token);
    await h.request(RECORD, { input: { metric: "WEIGHT", value: 69 } }, me.token);
    const rows = await outboxOf(me.id);
    expect(rows.map((r) => r.subject)).toEqual(["user.goal_achieved.v1"]);
    expect(rows[0]?.envelope.payload).toMatchObject({
      goalId: goal.data?.setHealthGoal.id,
      userId: me.id,
      metric: "WEIGHT",
      target: 70,
    });
  });

  it("syncDeviceData stores every reading and publishes one device_data_synced (plus goal_achieved)", async () => {
    const me = await h.person();
    const bound = await h.request<{ bindDevice: { id: string } }>(
      BIND,
      { input: { deviceType: "SMARTWATCH", externalId: "watch-1" } },
      me.token,
    );
    const deviceBindingId = bound.data?.bindDevice.id;
    await h.request(
      SET_GOAL,
      { input: { metric: "HEART_RATE", target: 60, direction: "AT_MOST" } },
      me.token,
    );
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const res = await h.request<{ syncDeviceData: { records: unknown[]; achievedGoals: unknown[] } }>(
      SYNC,
      {
        input: {
          deviceBindingId,
          readings: [
            { metric: "HEART_RATE", value: 72, recordedAt: at(30) },
            { metric: "HEART_RATE", value: 58, recordedAt: at(10) },
            { metric: "STEPS", value: 1200, recordedAt: at(5) },
          ],
        },
      },
      me.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.syncDeviceData.records).toHaveLength(3);
    expect(res.data?.syncDeviceData.achievedGoals).toEqual([{ metric: "HEART_RATE" }]);
    const rows = await outboxOf(me.id);
    expect(rows.map((r) => r.subject).sort()).toEqual([
      "user.device_data_synced.v1",
      "user.goal_achieved.v1",
    ]);
    expect(rows.find((r) => r.subject === "user.device_data_synced.v1")?.envelope.payload).toMatchObject({
      userId: me.id,
      deviceBindingId,
      recordCount: 3,
    });
  });

  it("syncDeviceData refuses a bad reading (naming it) or someone else's device, writing nothing", async () => {
    const me = await h.person();
    const other = await h.person();
    const bound = await h.request<{ bindDevice: { id: string } }>(
      BIND,
      { input: { deviceType: "SCALE", externalId: "scale-1" } },
      me.token,
    );
    const deviceBindingId = bound.data?.bindDevice.id;
    const bad = await h.request(
      SYNC,
      {
        input: {
          deviceBindingId,
          readings: [
            { metric: "WEIGHT", value: 70 },
            { metric: "WEIGHT", value: 900 },
          ],
        },
      },
      me.token,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.readings[1].value",
    });
    const notMine = await h.request(
      SYNC,
      { input: { deviceBindingId, readings: [{ metric: "WEIGHT", value: 70 }] } },
      other.token,
    );
    expect(notMine.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await h.db.healthRecord.count({ where: { userId: { in: [me.id, other.id] } } })).toBe(0);
    expect([...(await outboxOf(me.id)), ...(await outboxOf(other.id))]).toHaveLength(0);
  });
});

import type { SubscriberConnection } from "@health/platform/server";
import { describe, expect, it } from "vitest";
import { GroupMember } from "../src/subscriptions/groupMember.ts";
import { type GroupSignal, SubscriptionGroups } from "../src/subscriptions/subscriptionGroups.ts";

/** A source we push into by hand, counting how often it was opened and whether it was closed. */
function manualSource() {
  const state = {
    opened: 0,
    closed: false,
    push: (_: GroupSignal) => {},
    end: () => {},
    fail: (_: Error) => {},
  };
  const open = (): AsyncIterator<GroupSignal> => {
    state.opened++;
    const queue: GroupSignal[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    let failure: Error | null = null;
    state.push = (signal) => {
      queue.push(signal);
      wake?.();
    };
    state.end = () => {
      ended = true;
      wake?.();
    };
    state.fail = (error) => {
      failure = error;
      wake?.();
    };
    return {
      next: async () => {
        while (queue.length === 0 && !ended && !state.closed && !failure) {
          await new Promise<void>((resolve) => (wake = resolve));
        }
        if (failure) throw failure;
        const value = queue.shift();
        return value === undefined ? { done: true, value: undefined } : { done: false, value };
      },
      return: async () => {
        state.closed = true;
        wake?.();
        return { done: true, value: undefined };
      },
    };
  };
  return { state, open };
}

/** A socket's side of a subscriber: what it was sent, and whether it takes writes at once. */
function socket(options: { takesWrites: boolean; buffered?: number }) {
  const sent: string[] = [];
  const payloads: Buffer[] = [];
  const closed: Array<{ code: number }> = [];
  const connection: SubscriberConnection = {
    close: (code) => closed.push({ code }),
    bufferedBytes: () => options.buffered ?? 0,
    sendNext: (payload, written) => {
      sent.push(payload.toString());
      payloads.push(payload);
      if (options.takesWrites) queueMicrotask(() => written());
      return true;
    },
  };
  return { sent, payloads, closed, connection };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const limits = { maxQueuedEvents: 3, maxBufferedBytes: 1024 };

function member(
  groups: SubscriptionGroups,
  connection: SubscriberConnection,
  callerId: string | null = null,
) {
  return new GroupMember(callerId, connection, limits, (left) => groups.leave(left));
}

describe("SubscriptionGroups", () => {
  it("ends only the dismissed caller's members, each with the reason as its last event; the rest go on", async () => {
    const groups = new SubscriptionGroups();
    const { state, open } = manualSource();
    const [bannedA, bannedB, other] = [0, 1, 2].map(() => socket({ takesWrites: true }));
    const members = [
      member(groups, bannedA!.connection, "banned"),
      member(groups, bannedB!.connection, "banned"),
      member(groups, other!.connection, "viewer"),
    ];
    const ends = members.map((m) => m.stream().next());
    for (const m of members) groups.join("k", m, open);
    state.push({ dismiss: "banned", payload: Buffer.from('{"errors":[{"message":"banned"}]}') });
    state.push({ payload: Buffer.from('{"data":{"n":2}}') });
    await tick();
    await tick();
    expect(await ends[0]).toEqual({ done: true, value: undefined });
    expect(await ends[1]).toEqual({ done: true, value: undefined });
    for (const banned of [bannedA!, bannedB!])
      expect(banned.sent).toEqual(['{"errors":[{"message":"banned"}]}']);
    expect(other!.sent).toEqual(['{"data":{"n":2}}']);
    expect(groups.membersOf("k")).toBe(1);
    expect(state.closed).toBe(false);
  });

  it("opens one source for identical subscriptions, writes each event's same bytes to every member, closes when the last leaves", async () => {
    const groups = new SubscriptionGroups();
    const { state, open } = manualSource();
    const a = socket({ takesWrites: true });
    const b = socket({ takesWrites: true });
    const memberA = member(groups, a.connection);
    const memberB = member(groups, b.connection);
    groups.join("k", memberA, open);
    groups.join("k", memberB, open);
    state.push({ payload: Buffer.from('{"data":{"n":1}}') });
    await tick();
    expect(a.sent).toEqual(['{"data":{"n":1}}']);
    expect(b.sent).toEqual(a.sent);
    expect(b.payloads[0]).toBe(a.payloads[0]);
    expect(state.opened).toBe(1);

    await memberA.stream().return?.();
    expect(state.closed).toBe(false);
    await memberB.stream().return?.();
    expect(state.closed).toBe(true);
    expect(groups.size).toBe(0);
  });

  it("cuts off a member whose socket stopped taking events with 4008 while the others keep receiving", async () => {
    const groups = new SubscriptionGroups();
    const { state, open } = manualSource();
    const slow = socket({ takesWrites: false });
    const fast = socket({ takesWrites: true });
    const slowMember = member(groups, slow.connection);
    const slowEnded = slowMember.stream().next();
    groups.join("k", slowMember, open);
    groups.join("k", member(groups, fast.connection), open);
    for (let n = 1; n <= 10; n++) {
      state.push({ payload: Buffer.from(String(n)) });
      await tick();
    }
    expect(fast.sent).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(slow.sent).toEqual(["1", "2", "3"]);
    expect(slow.closed).toEqual([{ code: 4008 }]);
    expect(await slowEnded).toEqual({ done: true, value: undefined });
    expect(groups.membersOf("k")).toBe(1);
  });

  it("cuts off a member with more unread bytes than allowed", async () => {
    const groups = new SubscriptionGroups();
    const { state, open } = manualSource();
    const behind = socket({ takesWrites: true, buffered: 4096 });
    groups.join("k", member(groups, behind.connection), open);
    state.push({ payload: Buffer.from("1") });
    await tick();
    expect(behind.sent).toEqual([]);
    expect(behind.closed).toEqual([{ code: 4008 }]);
    expect(state.closed).toBe(true);
  });

  it("ends every member when the source ends, and fails them when it fails", async () => {
    const groups = new SubscriptionGroups();
    const ending = manualSource();
    const endedMember = member(groups, socket({ takesWrites: true }).connection);
    groups.join("k", endedMember, ending.open);
    const next = endedMember.stream().next();
    ending.state.end();
    expect(await next).toEqual({ done: true, value: undefined });

    const failing = manualSource();
    const failedMember = member(groups, socket({ takesWrites: true }).connection);
    groups.join("j", failedMember, failing.open);
    const failed = failedMember.stream().next();
    failing.state.fail(new Error("upstream said no"));
    await expect(failed).rejects.toThrow("upstream said no");
    expect(groups.size).toBe(0);
  });

  it("a group re-keyed onto an existing group hands its members over and closes its own source", async () => {
    const groups = new SubscriptionGroups();
    const first = manualSource();
    const second = manualSource();
    const a = socket({ takesWrites: true });
    const b = socket({ takesWrites: true });
    groups.join("caller-a", member(groups, a.connection), first.open);
    groups.join("caller-b", member(groups, b.connection), second.open);
    first.state.push({ rekey: "scope-1" });
    await tick();
    second.state.push({ rekey: "scope-1" });
    await tick();
    expect(second.state.closed).toBe(true);
    expect(groups.size).toBe(1);
    expect(groups.membersOf("scope-1")).toBe(2);
    first.state.push({ payload: Buffer.from("shared") });
    await tick();
    expect(a.sent).toEqual(["shared"]);
    expect(b.sent).toEqual(["shared"]);
  });
});

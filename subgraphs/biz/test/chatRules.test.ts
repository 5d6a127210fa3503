import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import { isNewToResumer } from "../src/domain/chat/liveChat.ts";
import {
  assertHost,
  assertMayPost,
  assertMaySanction,
  assertModerates,
  type ChatRole,
  chatRoleOf,
  checkedChatText,
  checkedMuteSeconds,
  checkedSlowModeSeconds,
  NO_STANDING,
  slowModeBinds,
  slowModeSecondsOf,
} from "../src/domain/chat/rules.ts";

const now = new Date("2026-12-07T15:00:00.000Z");
const HOST = "00000000-0000-4000-8000-000000000001";
const STREAM = "00000000-0000-4000-8000-0000000000aa";

function refusal(run: () => unknown): { code: unknown; field?: unknown; reason?: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const { code, field, reason } = (error as AppError).extensions;
    return { code, field, reason };
  }
  throw new Error("expected a refusal");
}

describe("checkedChatText", () => {
  it("keeps 1–500 characters, trimmed", () => {
    expect(checkedChatText("  hi  ")).toBe("hi");
    expect(checkedChatText("x".repeat(500))).toHaveLength(500);
  });

  it("refuses empty, blank and over-long text, naming the field", () => {
    for (const text of ["", "   ", "x".repeat(501)]) {
      expect(refusal(() => checkedChatText(text))).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    }
  });
});

describe("chatRoleOf", () => {
  it("is host for the stream's host, moderator when appointed, viewer otherwise", () => {
    expect(chatRoleOf(HOST, HOST, NO_STANDING)).toBe("host");
    expect(chatRoleOf("u", HOST, { ...NO_STANDING, moderator: true })).toBe("moderator");
    expect(chatRoleOf("u", HOST, NO_STANDING)).toBe("viewer");
  });
});

describe("assertMayPost", () => {
  it("lets anyone post while SCHEDULED or LIVE", () => {
    expect(() => assertMayPost(STREAM, "SCHEDULED", NO_STANDING, now)).not.toThrow();
    expect(() => assertMayPost(STREAM, "LIVE", NO_STANDING, now)).not.toThrow();
  });

  it("closes the room once the stream ENDED (CONFLICT)", () => {
    expect(refusal(() => assertMayPost(STREAM, "ENDED", NO_STANDING, now)).code).toBe("CONFLICT");
  });

  it("refuses the muted until their mute runs out, and the banned, with a reason", () => {
    const muted = { ...NO_STANDING, mutedUntil: new Date(now.getTime() + 1000) };
    expect(refusal(() => assertMayPost(STREAM, "LIVE", muted, now))).toMatchObject({
      code: "FORBIDDEN",
      reason: "MUTED",
    });
    const mutedBefore = { ...NO_STANDING, mutedUntil: new Date(now.getTime() - 1) };
    expect(() => assertMayPost(STREAM, "LIVE", mutedBefore, now)).not.toThrow();
    const banned = { ...NO_STANDING, bannedAt: now };
    expect(refusal(() => assertMayPost(STREAM, "LIVE", banned, now))).toMatchObject({
      code: "FORBIDDEN",
      reason: "BANNED",
    });
  });
});

describe("slow mode", () => {
  it("binds viewers only", () => {
    expect(slowModeBinds("viewer")).toBe(true);
    expect(slowModeBinds("moderator")).toBe(false);
    expect(slowModeBinds("host")).toBe(false);
  });

  it("is the host's setting, else the default; 0 is a setting (off)", () => {
    expect(slowModeSecondsOf(null, 3)).toBe(3);
    expect(slowModeSecondsOf(10, 3)).toBe(10);
    expect(slowModeSecondsOf(0, 3)).toBe(0);
  });

  it("accepts 0–300 whole seconds", () => {
    expect(checkedSlowModeSeconds(0)).toBe(0);
    expect(checkedSlowModeSeconds(300)).toBe(300);
    for (const seconds of [-1, 301, 1.5]) {
      expect(refusal(() => checkedSlowModeSeconds(seconds))).toMatchObject({ field: "seconds" });
    }
  });
});

describe("who may moderate", () => {
  const roles: ChatRole[] = ["host", "moderator", "viewer"];

  it("only the host appoints moderators", () => {
    for (const role of roles) {
      const run = () => assertHost(role, STREAM, "appoint moderators");
      if (role === "host") expect(run).not.toThrow();
      else expect(refusal(run).code).toBe("FORBIDDEN");
    }
  });

  it("the host and moderators delete messages; viewers cannot", () => {
    expect(() => assertModerates("host", STREAM, "delete")).not.toThrow();
    expect(() => assertModerates("moderator", STREAM, "delete")).not.toThrow();
    expect(refusal(() => assertModerates("viewer", STREAM, "delete")).code).toBe("FORBIDDEN");
  });

  it("sanctions: the host anyone but themselves; a moderator viewers only; a viewer nobody", () => {
    const allowed: Array<[ChatRole, ChatRole]> = [
      ["host", "moderator"],
      ["host", "viewer"],
      ["moderator", "viewer"],
    ];
    for (const actor of roles) {
      for (const target of roles) {
        const run = () => assertMaySanction(actor, target, STREAM, false);
        if (allowed.some(([a, t]) => a === actor && t === target)) expect(run).not.toThrow();
        else expect(refusal(run).code).toBe("FORBIDDEN");
      }
    }
  });

  it("nobody mutes or bans themselves", () => {
    expect(refusal(() => assertMaySanction("moderator", "moderator", STREAM, true)).code).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("a mute lasts 1 s to 7 days", () => {
    expect(checkedMuteSeconds(1)).toBe(1);
    expect(checkedMuteSeconds(604_800)).toBe(604_800);
    for (const seconds of [0, 604_801, 2.5]) {
      expect(refusal(() => checkedMuteSeconds(seconds))).toMatchObject({ field: "seconds" });
    }
  });
});

describe("isNewToResumer", () => {
  const replay = { afterSeq: 5n, events: [] };
  const message = (seq: string) => ({
    kind: "MESSAGE" as const,
    seq,
    message: { id: seq, streamId: STREAM, senderId: HOST, kind: "USER" as const, text: "x", createdAt: "" },
  });

  it("passes everything to a subscriber that did not resume", () => {
    expect(isNewToResumer(message("1"), null, new Set())).toBe(true);
  });

  it("drops what is numbered at or before after, and what the replay delivered", () => {
    expect(isNewToResumer(message("5"), replay, new Set())).toBe(false);
    expect(isNewToResumer(message("7"), replay, new Set(["7"]))).toBe(false);
    expect(isNewToResumer(message("8"), replay, new Set(["7"]))).toBe(true);
    expect(isNewToResumer({ kind: "DELETED", seq: "6", messageId: "m" }, replay, new Set())).toBe(true);
    expect(isNewToResumer({ kind: "VIEWERS", viewerCount: 3 }, replay, new Set())).toBe(true);
  });
});

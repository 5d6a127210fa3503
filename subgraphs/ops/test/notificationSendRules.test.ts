import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSend } from "../src/domain/notifications/sendRules.ts";

const base = { segment: "ALL_USERS" as const, title: "Maintenance", body: "Tonight 02:00–03:00." };

describe("an operator's send", () => {
  it("is trimmed and keeps its segment's parameter", () => {
    const coachId = randomUUID();
    expect(checkSend({ ...base, title: "  Hi  ", segment: "FOLLOWERS_OF", coachId })).toMatchObject({
      title: "Hi",
      segment: "FOLLOWERS_OF",
      coachId,
      userIds: [],
    });
    const [a, b] = [randomUUID(), randomUUID()].sort();
    expect(checkSend({ ...base, segment: "USERS", userIds: [b!, a!, b!] }).userIds).toEqual([a, b]);
  });

  it.each([
    [{ ...base, title: "  " }, "input.title"],
    [{ ...base, body: "x".repeat(1001) }, "input.body"],
    [{ ...base, segment: "FOLLOWERS_OF" as const }, "input.coachId"],
    [{ ...base, coachId: randomUUID() }, "input.coachId"],
    [{ ...base, segment: "FOLLOWERS_OF" as const, coachId: "nope" }, "input.coachId"],
    [{ ...base, segment: "USERS" as const, userIds: [] }, "input.userIds"],
    [{ ...base, segment: "USERS" as const, userIds: [randomUUID(), "x"] }, "input.userIds[1]"],
    [{ ...base, userIds: [randomUUID()] }, "input.userIds"],
    [{ ...base, sendId: "1" }, "input.sendId"],
  ])("refuses %j naming %s", (input, field) => {
    expect(() => checkSend(input)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field }) }),
    );
  });
});

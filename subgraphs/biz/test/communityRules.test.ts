import { describe, expect, it } from "vitest";
import {
  checkMayReadMembers,
  checkMayRemove,
  decideJoin,
  decideLeave,
  decideRoleChange,
  type Standing,
  validateNewCommunity,
} from "../src/domain/communities/rules.ts";

const GROUP = "c0000000-0000-4000-8000-000000000001";
const owner: Standing = { userId: "owner", role: "OWNER", status: "ACTIVE" };
const admin: Standing = { userId: "admin", role: "ADMIN", status: "ACTIVE" };
const member: Standing = { userId: "member", role: "MEMBER", status: "ACTIVE" };
const other: Standing = { userId: "other", role: "MEMBER", status: "ACTIVE" };
const pending: Standing = { userId: "pending", role: "MEMBER", status: "PENDING" };

/** The error code (and field, for BAD_USER_INPUT) `work` throws, or "ok". */
const outcome = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    const { extensions } = error as { extensions?: { code?: string; field?: string } };
    return [extensions?.code, extensions?.field].filter(Boolean).join(" ");
  }
  return "ok";
};

describe("validateNewCommunity", () => {
  it("trims, defaults to a free CNY group, and names the bad field", () => {
    expect(validateNewCommunity({ name: "  Runners  " })).toEqual({
      name: "Runners",
      description: "",
      priceAmount: 0,
      currency: "CNY",
    });
    expect(outcome(() => validateNewCommunity({ name: " " }))).toBe("BAD_USER_INPUT input.name");
    expect(outcome(() => validateNewCommunity({ name: "x", priceAmount: -1 }))).toBe(
      "BAD_USER_INPUT input.priceAmount",
    );
    expect(outcome(() => validateNewCommunity({ name: "x", priceAmount: 1.5 }))).toBe(
      "BAD_USER_INPUT input.priceAmount",
    );
    expect(outcome(() => validateNewCommunity({ name: "x", description: "d".repeat(2_001) }))).toBe(
      "BAD_USER_INPUT input.description",
    );
  });
});

describe("decideJoin", () => {
  const free = { id: GROUP, priceAmount: 0, currency: "CNY" };
  const paid = { id: GROUP, priceAmount: 9_900, currency: "CNY" };
  it("joins a free group at once and asks finance for a paid one's price", () => {
    expect(decideJoin(free, null)).toEqual({ kind: "join" });
    expect(decideJoin(paid, null)).toEqual({ kind: "pay", amount: 9_900, currency: "CNY" });
  });
  it("refuses a second live membership", () => {
    expect(outcome(() => decideJoin(free, member))).toBe("CONFLICT");
    expect(outcome(() => decideJoin(paid, pending))).toBe("CONFLICT");
  });
});

describe("who reads the member list", () => {
  it("is a member; anyone else (a pending payer, a stranger, a signed-out reader) is FORBIDDEN", () => {
    expect(outcome(() => checkMayReadMembers(GROUP, member))).toBe("ok");
    expect(outcome(() => checkMayReadMembers(GROUP, pending))).toBe("FORBIDDEN");
    expect(outcome(() => checkMayReadMembers(GROUP, null))).toBe("FORBIDDEN");
  });
});

describe("decideLeave", () => {
  it("lets members and admins leave, not the owner (who hands over first) nor a pending payer", () => {
    expect(decideLeave(GROUP, member)).toBe(member);
    expect(decideLeave(GROUP, admin)).toBe(admin);
    expect(outcome(() => decideLeave(GROUP, owner))).toBe("CONFLICT");
    expect(outcome(() => decideLeave(GROUP, pending))).toBe("CONFLICT");
    expect(outcome(() => decideLeave(GROUP, null))).toBe("CONFLICT");
  });
});

describe("decideRoleChange", () => {
  it("lets the owner appoint and dismiss admins and hand the group over", () => {
    expect(decideRoleChange(GROUP, owner, "member", member, "ADMIN")).toEqual({
      kind: "set",
      target: member,
      role: "ADMIN",
    });
    expect(decideRoleChange(GROUP, owner, "admin", admin, "MEMBER")).toMatchObject({ kind: "set" });
    expect(decideRoleChange(GROUP, owner, "admin", admin, "ADMIN")).toEqual({
      kind: "unchanged",
      membership: admin,
    });
    expect(decideRoleChange(GROUP, owner, "member", member, "OWNER")).toEqual({
      kind: "handOver",
      owner,
      target: member,
    });
  });
  it("never lets anyone raise themself, nor anyone but the owner set a role", () => {
    expect(outcome(() => decideRoleChange(GROUP, member, "member", member, "ADMIN"))).toBe("FORBIDDEN");
    expect(outcome(() => decideRoleChange(GROUP, member, "member", member, "OWNER"))).toBe("FORBIDDEN");
    expect(outcome(() => decideRoleChange(GROUP, admin, "admin", admin, "OWNER"))).toBe("FORBIDDEN");
    expect(outcome(() => decideRoleChange(GROUP, admin, "member", member, "ADMIN"))).toBe("FORBIDDEN");
    expect(outcome(() => decideRoleChange(GROUP, null, "member", member, "ADMIN"))).toBe("FORBIDDEN");
    expect(outcome(() => decideRoleChange(GROUP, pending, "pending", pending, "ADMIN"))).toBe("FORBIDDEN");
  });
  it("keeps exactly one owner: the owner steps down only by handing over, to a member", () => {
    expect(outcome(() => decideRoleChange(GROUP, owner, "owner", owner, "MEMBER"))).toBe("CONFLICT");
    expect(decideRoleChange(GROUP, owner, "owner", owner, "OWNER")).toEqual({
      kind: "unchanged",
      membership: owner,
    });
    expect(outcome(() => decideRoleChange(GROUP, owner, "nobody", null, "OWNER"))).toBe("NOT_FOUND");
    expect(outcome(() => decideRoleChange(GROUP, owner, "pending", pending, "ADMIN"))).toBe("NOT_FOUND");
  });
});

describe("checkMayRemove", () => {
  it("lets the owner remove anyone else and admins remove plain members", () => {
    expect(checkMayRemove(GROUP, owner, "admin", admin)).toBe(admin);
    expect(checkMayRemove(GROUP, owner, "member", member)).toBe(member);
    expect(checkMayRemove(GROUP, admin, "member", member)).toBe(member);
  });
  it("refuses members, removing the owner or (for an admin) another admin, and oneself", () => {
    expect(outcome(() => checkMayRemove(GROUP, member, "other", other))).toBe("FORBIDDEN");
    expect(outcome(() => checkMayRemove(GROUP, admin, "owner", owner))).toBe("FORBIDDEN");
    expect(outcome(() => checkMayRemove(GROUP, admin, "admin2", { ...admin, userId: "admin2" }))).toBe(
      "FORBIDDEN",
    );
    expect(outcome(() => checkMayRemove(GROUP, null, "member", member))).toBe("FORBIDDEN");
    expect(outcome(() => checkMayRemove(GROUP, admin, "admin", admin))).toBe("BAD_USER_INPUT userId");
    expect(outcome(() => checkMayRemove(GROUP, owner, "gone", null))).toBe("NOT_FOUND");
  });
});

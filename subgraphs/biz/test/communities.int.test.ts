import { randomUUID } from "node:crypto";
import { expireOverdueSagas } from "@health/platform/saga";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

// M08 community groups against a real database and NATS: creation with community_created in the outbox,
// free and paid joins (the paid one through the membership saga, finance's answers published on this
// file's streams), leaving, the member list for members only, and who may change whose role.

let h: BizHarness;
type Person = Awaited<ReturnType<BizHarness["person"]>>;
let owner: Person;

const CREATE = `mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id name owner { id } priceAmount currency memberCount myMembership { role status } } }`;
const JOIN = `mutation($id: ID!, $key: String!) { joinCommunity(id: $id, idempotencyKey: $key) { id role status amount failure member { id } } }`;
const LEAVE = `mutation($id: ID!) { leaveCommunity(id: $id) { id status } }`;
const SET_ROLE = `mutation($communityId: ID!, $userId: ID!, $role: CommunityRole!) { setCommunityRole(communityId: $communityId, userId: $userId, role: $role) { member { id } role status } }`;
const REMOVE = `mutation($communityId: ID!, $userId: ID!) { removeCommunityMember(communityId: $communityId, userId: $userId) { status } }`;
const COMMUNITY = `query($id: ID!) { community(id: $id) { id owner { id } memberCount myMembership { role status failure } members { nodes { member { id } role } } } }`;
const MINE = `query { communities(joined: true) { nodes { id } } }`;

interface Membership {
  id: string;
  role: string;
  status: string;
  amount: number;
  failure: string | null;
}
interface CommunityView {
  id: string;
  owner: { id: string };
  memberCount: number;
  myMembership: { role: string; status: string; failure: string | null } | null;
  members: { nodes: Array<{ member: { id: string }; role: string }> } | null;
}

const ok = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const { data, errors } = await h.request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};
const codeOf = async (query: string, variables: Record<string, unknown>, token?: string) =>
  (await h.request(query, variables, token)).errors?.[0]?.extensions?.code;

const createGroup = async (input: Record<string, unknown> = {}) =>
  (
    await ok<{ createCommunity: { id: string } }>(
      CREATE,
      { input: { name: "Runners", ...input } },
      owner.token,
    )
  ).createCommunity.id;
const join = async (id: string, who: Person) =>
  (await ok<{ joinCommunity: Membership }>(JOIN, { id, key: randomUUID() }, who.token)).joinCommunity;
const view = async (id: string, who?: Person) =>
  await h.request<{ community: CommunityView }>(COMMUNITY, { id }, who?.token);
const setRole = (communityId: string, userId: string, role: string, who: Person) =>
  h.request<{ setCommunityRole: { role: string } }>(SET_ROLE, { communityId, userId, role }, who.token);

beforeAll(async () => {
  h = await startBizSubgraph();
  owner = await h.person(["user", "coach"]);
});
afterAll(async () => {
  await h?.close();
});

describe("createCommunity", () => {
  it("makes its creator the one OWNER and announces community_created in the same transaction", async () => {
    const { createCommunity } = await ok<{ createCommunity: Record<string, unknown> & { id: string } }>(
      CREATE,
      { input: { name: "  Morning runners ", description: "5 km before work" } },
      owner.token,
    );
    expect(createCommunity).toMatchObject({
      name: "Morning runners",
      owner: { id: owner.id },
      priceAmount: 0,
      currency: "CNY",
      memberCount: 1,
      myMembership: { role: "OWNER", status: "ACTIVE" },
    });
    const announced = await h.db.outboxEvent.findMany({ where: { aggregateId: createCommunity.id } });
    expect(announced.map((row) => [row.subject, (row.envelope as { payload: unknown }).payload])).toEqual([
      [
        "biz.community_created.v1",
        expect.objectContaining({ groupId: createCommunity.id, ownerId: owner.id, name: "Morning runners" }),
      ],
    ]);
  });

  it("rejects bad input naming the field and writes nothing; a plain user may not create one", async () => {
    const before = await h.db.community.count();
    const blank = await h.request(CREATE, { input: { name: "   " } }, owner.token);
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.name" });
    const negative = await h.request(CREATE, { input: { name: "x", priceAmount: -5 } }, owner.token);
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.priceAmount",
    });
    const user = await h.person(["user"]);
    expect(await codeOf(CREATE, { input: { name: "Mine" } }, user.token)).toBe("FORBIDDEN");
    expect(await h.db.community.count()).toBe(before);
  });
});

describe("joining a free group and leaving it", () => {
  it("makes a member at once; a retry answers the same membership; a second join is CONFLICT", async () => {
    const id = await createGroup();
    const member = await h.person();
    const key = randomUUID();
    const first = (await ok<{ joinCommunity: Membership }>(JOIN, { id, key }, member.token)).joinCommunity;
    expect(first).toMatchObject({ role: "MEMBER", status: "ACTIVE", amount: 0 });
    const retry = (await ok<{ joinCommunity: Membership }>(JOIN, { id, key }, member.token)).joinCommunity;
    expect(retry.id).toBe(first.id);
    expect(await codeOf(JOIN, { id, key: randomUUID() }, member.token)).toBe("CONFLICT");
    expect((await view(id, member)).data?.community).toMatchObject({ memberCount: 2 });
    const mine = await ok<{ communities: { nodes: Array<{ id: string }> } }>(MINE, {}, member.token);
    expect(mine.communities.nodes.map((node) => node.id)).toEqual([id]);
    expect(await codeOf(JOIN, { id: randomUUID(), key: randomUUID() }, member.token)).toBe("NOT_FOUND");
    expect(await codeOf(JOIN, { id: "nope", key: randomUUID() }, member.token)).toBe("BAD_USER_INPUT");
  });

  it("lets two joins at once make one membership (the other CONFLICT)", async () => {
    const id = await createGroup();
    const member = await h.person();
    const codes = await Promise.all(
      [randomUUID(), randomUUID()].map((key) => codeOf(JOIN, { id, key }, member.token)),
    );
    expect(codes.sort()).toEqual(["CONFLICT", undefined]);
    expect(await h.db.communityMembership.count({ where: { communityId: id, userId: member.id } })).toBe(1);
  });

  it("lists groups newest first, page by page; `joined` needs a signed-in caller", async () => {
    const [older, newer] = [await createGroup({ name: "Older" }), await createGroup({ name: "Newer" })];
    const PAGE = `query($after: String) { communities(first: 1, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
    type PageData = {
      communities: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } };
    };
    const first = await ok<PageData>(PAGE, {});
    expect(first.communities.nodes.map((node) => node.id)).toEqual([newer]);
    expect(first.communities.pageInfo.hasNextPage).toBe(true);
    const second = await ok<PageData>(PAGE, { after: first.communities.pageInfo.endCursor });
    expect(second.communities.nodes.map((node) => node.id)).toEqual([older]);
    expect(await codeOf(MINE, {})).toBe("UNAUTHENTICATED");
    const bad = await h.request(PAGE, { after: "garbage" });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("lets a member leave (and join again), but not the owner, who hands the group over first", async () => {
    const id = await createGroup();
    const member = await h.person();
    await join(id, member);
    const { leaveCommunity } = await ok<{ leaveCommunity: { status: string } }>(LEAVE, { id }, member.token);
    expect(leaveCommunity.status).toBe("LEFT");
    expect(await codeOf(LEAVE, { id }, member.token)).toBe("CONFLICT");
    expect((await view(id, member)).data?.community).toMatchObject({
      memberCount: 1,
      myMembership: { status: "LEFT" },
    });
    expect(await join(id, member)).toMatchObject({ status: "ACTIVE" });
    expect(await codeOf(LEAVE, { id }, owner.token)).toBe("CONFLICT");
  });
});

describe("the member list", () => {
  it("is for members: a stranger or a signed-out reader sees the group but gets FORBIDDEN for its members", async () => {
    const id = await createGroup();
    const member = await h.person();
    await join(id, member);
    const seen = await view(id, member);
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.community.members?.nodes).toEqual([
      { member: { id: member.id }, role: "MEMBER" },
      { member: { id: owner.id }, role: "OWNER" },
    ]);
    for (const reader of [await h.person(), undefined]) {
      const hidden = await view(id, reader);
      expect(hidden.data?.community).toMatchObject({ id, memberCount: 2, members: null });
      expect(hidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(hidden.errors?.[0]?.path).toEqual(["community", "members"]);
    }
  });
});

describe("roles", () => {
  it("only the owner appoints admins; nobody raises themself; admins remove plain members only", async () => {
    const id = await createGroup();
    const [admin, member, other] = [await h.person(), await h.person(), await h.person()];
    for (const person of [admin, member, other]) await join(id, person);

    expect((await setRole(id, member.id, "ADMIN", member)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await setRole(id, member.id, "OWNER", member)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const appointed = await setRole(id, admin.id, "ADMIN", owner);
    expect(appointed.data?.setCommunityRole).toMatchObject({ role: "ADMIN" });
    expect((await setRole(id, member.id, "ADMIN", admin)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await setRole(id, admin.id, "OWNER", admin)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    expect(await codeOf(REMOVE, { communityId: id, userId: owner.id }, admin.token)).toBe("FORBIDDEN");
    expect(await codeOf(REMOVE, { communityId: id, userId: other.id }, member.token)).toBe("FORBIDDEN");
    const removed = await ok<{ removeCommunityMember: { status: string } }>(
      REMOVE,
      { communityId: id, userId: other.id },
      admin.token,
    );
    expect(removed.removeCommunityMember.status).toBe("REMOVED");
    expect(await codeOf(REMOVE, { communityId: id, userId: other.id }, admin.token)).toBe("NOT_FOUND");
    expect((await view(id, other)).data?.community.members).toBeNull();

    const roles = await h.db.communityMembership.findMany({
      where: { communityId: id, status: "ACTIVE" },
      select: { userId: true, role: true },
    });
    expect(new Map(roles.map((row) => [row.userId, row.role]))).toEqual(
      new Map([
        [owner.id, "OWNER"],
        [admin.id, "ADMIN"],
        [member.id, "MEMBER"],
      ]),
    );
  });

  it("someone outside the group cannot change roles; an unknown group is NOT_FOUND", async () => {
    const id = await createGroup();
    const member = await h.person();
    await join(id, member);
    const stranger = await h.person(["user", "admin"]);
    expect((await setRole(id, member.id, "ADMIN", stranger)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await setRole(id, stranger.id, "ADMIN", stranger)).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await setRole(randomUUID(), member.id, "ADMIN", owner)).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect((await setRole(id, "not-a-uuid", "ADMIN", owner)).errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "userId",
    });
    expect((await view(id, member)).data?.community.members?.nodes).toContainEqual({
      member: { id: member.id },
      role: "MEMBER",
    });
  });

  it("hands the group over: one owner at a time, the old one an ADMIN who may then leave", async () => {
    const id = await createGroup();
    const heir = await h.person();
    await join(id, heir);
    expect((await setRole(id, owner.id, "MEMBER", owner)).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect((await setRole(id, heir.id, "OWNER", owner)).data?.setCommunityRole).toMatchObject({
      role: "OWNER",
    });
    expect((await view(id, heir)).data?.community).toMatchObject({
      owner: { id: heir.id },
      myMembership: { role: "OWNER" },
    });
    expect((await view(id, owner)).data?.community.myMembership).toMatchObject({ role: "ADMIN" });
    expect((await setRole(id, owner.id, "OWNER", owner)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(
      (await ok<{ leaveCommunity: { status: string } }>(LEAVE, { id }, owner.token)).leaveCommunity.status,
    ).toBe("LEFT");
    expect(
      await h.db.communityMembership.count({ where: { communityId: id, role: "OWNER", status: "ACTIVE" } }),
    ).toBe(1);
  });
});

describe("joining a paid group (the membership saga)", () => {
  it("is PENDING until finance's payment_success makes a member; the request went to finance once", async () => {
    const id = await createGroup({ priceAmount: 4_900 });
    const member = await h.person();
    const key = randomUUID();
    const pending = (await ok<{ joinCommunity: Membership }>(JOIN, { id, key }, member.token)).joinCommunity;
    expect(pending).toMatchObject({ status: "PENDING", amount: 4_900 });
    const retry = (await ok<{ joinCommunity: Membership }>(JOIN, { id, key }, member.token)).joinCommunity;
    expect(retry.id).toBe(pending.id);
    expect(await codeOf(JOIN, { id, key: randomUUID() }, member.token)).toBe("CONFLICT");
    const requests = await h.db.outboxEvent.findMany({
      where: { subject: "biz.community_payment_requested.v1" },
    });
    expect(requests.map((row) => (row.envelope as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({ requestId: pending.id, communityId: id, memberId: member.id, amount: 4_900 }),
    ]);
    expect((await view(id, member)).data?.community.members).toBeNull();

    await h.answerPayment(pending.id);
    expect(await h.settledStatus(pending.id)).toBe("ACTIVE");
    expect((await view(id, member)).data?.community).toMatchObject({
      memberCount: 2,
      myMembership: { status: "ACTIVE" },
    });
  });

  it("fails with the reason on payment_failed, and the user may try again", async () => {
    const id = await createGroup({ priceAmount: 4_900 });
    const member = await h.person();
    const first = await join(id, member);
    await h.answerPayment(first.id, { declined: "card_declined" });
    expect(await h.settledStatus(first.id)).toBe("FAILED");
    expect((await view(id, member)).data?.community.myMembership).toMatchObject({
      status: "FAILED",
      failure: "the payment was declined (card_declined)",
    });
    expect(await join(id, member)).toMatchObject({ status: "PENDING" });
  });

  it("fails a membership whose payment is not answered in time, and tells finance to release it", async () => {
    const id = await createGroup({ priceAmount: 4_900 });
    const member = await h.person();
    const { id: membershipId } = await join(id, member);
    const started = await h.db.communityMembership.findUniqueOrThrow({ where: { id: membershipId } });
    const timeoutMs = h.config.COMMUNITY_PAYMENT_TIMEOUT_SECONDS * 1000;
    await expireOverdueSagas(
      h.deps.communityMembership,
      h.db,
      new Date(started.createdAt.getTime() + timeoutMs),
    );
    expect(await h.settledStatus(membershipId)).toBe("FAILED");
    const cancelled = await h.db.outboxEvent.findFirst({
      where: { aggregateId: membershipId, subject: "biz.community_membership_cancelled.v1" },
    });
    expect((cancelled?.envelope as { payload: unknown } | undefined)?.payload).toMatchObject({
      membershipId,
      memberId: member.id,
      reason: "take_payment timed out",
    });
  });
});

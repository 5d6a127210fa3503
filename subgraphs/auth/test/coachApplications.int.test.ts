import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

// Coach status is earned (issue 16, point 4): a user applies, an admin other than the applicant decides.

const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken user { id } }
}`;
const REFRESH = "mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }";
const APPLY = `mutation($input: ApplyAsCoachInput!) {
  applyAsCoach(input: $input) { id status specialties regions certificates { name issuer number url } }
}`;
const MINE = "{ myCoachApplication { id status rejectionReason decidedAt } }";
const APPROVE = "mutation($id: ID!) { approveCoachApplication(id: $id) { id status decidedAt } }";
const REJECT =
  "mutation($id: ID!, $reason: String!) { rejectCoachApplication(id: $id, reason: $reason) { status rejectionReason } }";
const LIST = `query($status: CoachApplicationStatus) {
  coachApplications(status: $status) { nodes { id status applicant { id email } } pageInfo { hasNextPage } }
}`;
const ME_ROLES = "{ me { roles } }";

interface Person {
  id: string;
  token: string;
  refreshToken: string;
}
type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const first = (errors: Errors) => errors?.[0]?.extensions;

/** auth's admin_action_recorded envelopes about `subjectId`, from its outbox. */
const adminActions = async (subjectId: string) =>
  (
    await auth.deps.db.outboxEvent.findMany({
      where: { subject: "auth.admin_action_recorded.v1" },
      orderBy: { createdAt: "asc" },
    })
  )
    .map((row) => row.envelope as { actorId: string; aggregateId: string; payload: Record<string, unknown> })
    .filter((envelope) => envelope.aggregateId === subjectId);

let auth: AuthHarness;
let admin: Person;
let otherAdmin: Person;

const application = (overrides: Record<string, unknown> = {}) => ({
  specialties: [" Nutrition ", "sleep"],
  regions: ["Shanghai"],
  certificates: [{ name: "Registered Dietitian", issuer: "CDA", number: "RD-12345" }],
  ...overrides,
});

async function signUp(): Promise<Person> {
  const result = await auth.request<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(REGISTER, {
    input: { email: `c-${randomUUID()}@example.com`, password: "correct-horse-42", displayName: "Cai" },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const { accessToken, refreshToken, user } = result.data.register;
  return { id: user.id, token: accessToken, refreshToken };
}

/** A fresh token for `person`, carrying the roles the database holds now. */
async function refresh(person: Person): Promise<Person> {
  const result = await auth.request<{ refreshToken: { accessToken: string; refreshToken: string } }>(
    REFRESH,
    {
      t: person.refreshToken,
    },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return {
    ...person,
    token: result.data.refreshToken.accessToken,
    refreshToken: result.data.refreshToken.refreshToken,
  };
}

async function makeAdmin(): Promise<Person> {
  const person = await signUp();
  await auth.deps.db.account.update({ where: { id: person.id }, data: { roles: ["user", "admin"] } });
  return refresh(person);
}

async function apply(person: Person, input = application()) {
  return auth.request<{ applyAsCoach: { id: string; status: string } }>(APPLY, { input }, person.token);
}

beforeAll(async () => {
  auth = await startAuthSubgraph();
  [admin, otherAdmin] = await Promise.all([makeAdmin(), makeAdmin()]);
});
afterAll(() => auth?.close());

describe("applying to coach", () => {
  it("records a pending application with its certificates, tags normalized", async () => {
    const person = await signUp();
    const applied = await apply(person);
    expect(applied.errors).toBeUndefined();
    expect(applied.data?.applyAsCoach).toMatchObject({
      status: "PENDING",
      specialties: ["nutrition", "sleep"],
      regions: ["shanghai"],
      certificates: [{ name: "Registered Dietitian", issuer: "CDA", number: "RD-12345", url: null }],
    });
    const mine = await auth.request<{ myCoachApplication: { id: string } }>(MINE, {}, person.token);
    expect(mine.data?.myCoachApplication).toMatchObject({
      id: applied.data?.applyAsCoach.id,
      status: "PENDING",
    });
  });

  it("allows one pending application at a time, even for concurrent calls", async () => {
    const person = await signUp();
    const results = await Promise.all([apply(person), apply(person), apply(person)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const lost of results.filter((r) => r.errors))
      expect(first(lost.errors)).toMatchObject({ code: "CONFLICT", reason: "PENDING_APPLICATION" });
    expect(await auth.deps.db.coachApplication.count({ where: { accountId: person.id } })).toBe(1);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const person = await signUp();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ certificates: [] }, "input.certificates"],
      [{ certificates: [{ name: "RD", issuer: "CDA" }] }, "input.certificates[0]"],
      [
        { certificates: [{ name: "RD", issuer: "CDA", url: "javascript:alert(1)" }] },
        "input.certificates[0].url",
      ],
      [{ certificates: [{ name: " ", issuer: "CDA", number: "1" }] }, "input.certificates[0].name"],
      [{ specialties: [] }, "input.specialties"],
      [{ regions: ["  "] }, "input.regions[0]"],
    ];
    for (const [change, field] of cases) {
      const result = await apply(person, application(change));
      expect(first(result.errors), field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await auth.deps.db.coachApplication.count({ where: { accountId: person.id } })).toBe(0);
  });

  it("is refused to anonymous callers", async () => {
    const result = await auth.request(APPLY, { input: application() });
    expect(first(result.errors)?.code).toBe("UNAUTHENTICATED");
  });
});

describe("deciding an application", () => {
  it("is for admins only: a user can neither list nor approve", async () => {
    const applicant = await signUp();
    const id = (await apply(applicant)).data!.applyAsCoach.id;
    const list = await auth.request(LIST, {}, applicant.token);
    expect(first(list.errors)?.code).toBe("FORBIDDEN");
    const approve = await auth.request(APPROVE, { id }, applicant.token);
    expect(first(approve.errors)?.code).toBe("FORBIDDEN");
    const account = await auth.deps.db.account.findUniqueOrThrow({ where: { id: applicant.id } });
    expect(account.roles).toEqual(["user"]);
  });

  it("approval grants COACH, which the next refreshed token carries", async () => {
    const applicant = await signUp();
    const id = (await apply(applicant)).data!.applyAsCoach.id;
    const listed = await auth.request<{
      coachApplications: { nodes: Array<{ id: string; applicant: unknown }> };
    }>(LIST, { status: "PENDING" }, admin.token);
    expect(listed.data?.coachApplications.nodes).toContainEqual(
      expect.objectContaining({ id, applicant: { id: applicant.id, email: expect.stringContaining("@") } }),
    );

    const approved = await auth.request<{ approveCoachApplication: { status: string } }>(
      APPROVE,
      { id },
      admin.token,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.approveCoachApplication.status).toBe("APPROVED");
    const row = await auth.deps.db.coachApplication.findUniqueOrThrow({ where: { id } });
    expect(row.decidedBy).toBe(admin.id);
    // The approval is recorded for ops's audit log in its transaction.
    expect(await adminActions(id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        payload: {
          action: "approve_coach_application",
          subjectType: "CoachApplication",
          subjectId: id,
          details: { applicantId: applicant.id },
        },
      }),
    ]);

    // `me` reads the database, so it shows COACH at once; the token issued before the approval still
    // says USER until it is refreshed.
    const me = await auth.request<{ me: { roles: string[] } }>(ME_ROLES, {}, applicant.token);
    expect(me.data?.me.roles).toEqual(["USER", "COACH"]);
    const verifyOld = await auth.request<{ verifyToken: { roles: string[] } }>(
      "query($t: String!) { verifyToken(token: $t) { roles } }",
      { t: applicant.token },
    );
    expect(verifyOld.data?.verifyToken.roles).toEqual(["USER"]);
    const fresh = await refresh(applicant);
    const verifyNew = await auth.request<{ verifyToken: { roles: string[] } }>(
      "query($t: String!) { verifyToken(token: $t) { roles } }",
      { t: fresh.token },
    );
    expect(verifyNew.data?.verifyToken.roles).toEqual(["USER", "COACH"]);

    const again = await auth.request(APPROVE, { id }, otherAdmin.token);
    expect(first(again.errors)).toMatchObject({ code: "CONFLICT", currentState: "approved" });
    const reapply = await apply(fresh);
    expect(first(reapply.errors)).toMatchObject({ code: "CONFLICT", reason: "ALREADY_COACH" });
  });

  it("an admin never decides their own application", async () => {
    const selfish = await makeAdmin();
    const id = (await apply(selfish)).data!.applyAsCoach.id;
    const approve = await auth.request(APPROVE, { id }, selfish.token);
    expect(first(approve.errors)?.code).toBe("FORBIDDEN");
    const account = await auth.deps.db.account.findUniqueOrThrow({ where: { id: selfish.id } });
    expect(account.roles).not.toContain("coach");
    expect((await auth.deps.db.coachApplication.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    expect(await adminActions(id)).toEqual([]);
  });

  it("rejection needs a reason the applicant then sees; they may apply again", async () => {
    const applicant = await signUp();
    const id = (await apply(applicant)).data!.applyAsCoach.id;
    const blank = await auth.request(REJECT, { id, reason: "  " }, admin.token);
    expect(first(blank.errors)).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    const rejected = await auth.request(
      REJECT,
      { id, reason: "The certificate number does not check out." },
      admin.token,
    );
    expect(rejected.data).toEqual({
      rejectCoachApplication: {
        status: "REJECTED",
        rejectionReason: "The certificate number does not check out.",
      },
    });
    const mine = await auth.request<{ myCoachApplication: { status: string; rejectionReason: string } }>(
      MINE,
      {},
      applicant.token,
    );
    expect(mine.data?.myCoachApplication).toMatchObject({ status: "REJECTED" });
    expect((await adminActions(id)).map((envelope) => [envelope.actorId, envelope.payload])).toEqual([
      [
        admin.id,
        expect.objectContaining({
          action: "reject_coach_application",
          details: { applicantId: applicant.id, reason: "The certificate number does not check out." },
        }),
      ],
    ]);
    const account = await auth.deps.db.account.findUniqueOrThrow({ where: { id: applicant.id } });
    expect(account.roles).toEqual(["user"]);
    expect((await apply(applicant)).errors).toBeUndefined();
  });

  it("of two admins approving at once, exactly one wins", async () => {
    const applicant = await signUp();
    const id = (await apply(applicant)).data!.applyAsCoach.id;
    const results = await Promise.all([
      auth.request(APPROVE, { id }, admin.token),
      auth.request(REJECT, { id, reason: "No." }, otherAdmin.token),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(first(results.find((r) => r.errors)?.errors)?.code).toBe("CONFLICT");
    // The loser's decision rolled back with its record: one decision, one audit event.
    expect(await adminActions(id)).toHaveLength(1);
  });

  it("an unknown id is NOT_FOUND and a malformed one BAD_USER_INPUT", async () => {
    expect(first((await auth.request(APPROVE, { id: randomUUID() }, admin.token)).errors)?.code).toBe(
      "NOT_FOUND",
    );
    expect(first((await auth.request(APPROVE, { id: "nope" }, admin.token)).errors)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "id",
    });
  });
});

import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 11's probes on content and biz, through the router as a client app would send them: a course's
// entitlements (its purchases, its paid lessons, its drafts, its author's edits), the workbench's
// figures and reports, a community group's members and roles, and questions' and answers' edits and
// deletions (live-room chat's probes are in
// securityChat.e2e.test.ts). Each probe: the owner's object, another caller's attempt, the stable code, and
// the owner's view showing nothing changed.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let author: Person;
let otherCoach: Person;
let buyer: Person;
let stranger: Person;
let admin: Person;
let courseId: string;
let paidLessonId: string;
let draftCourseId: string;
let purchaseId: string;

const PAID_BODY = "Breathe in for four, hold for quokka seven.";
const DRAFT_TITLE = "Unreleased wombat programme";
const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

async function ok<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
) {
  const result = await request<T>(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const COURSE = "query($id: ID!) { course(id: $id) { id title status lessons { id title body } } }";
const SEARCH = "query($q: String!) { search(query: $q) { nodes { item { ... on Course { id title } } } } }";
const BUY =
  "mutation($courseId: ID!, $key: String!) { purchaseCourse(courseId: $courseId, idempotencyKey: $key) { id status buyer { id } } }";
const PURCHASE = "query($id: ID!) { coursePurchase(id: $id) { id status } }";

async function createCourse(coach: Person, title: string, priceAmount: number) {
  const { createCourse } = await ok<{ createCourse: { id: string } }>(
    "mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }",
    { input: { title, summary: `${title}: a course.`, priceAmount } },
    coach.token,
  );
  return createCourse.id;
}

async function addLesson(coach: Person, id: string, lesson: Record<string, unknown>) {
  const { addLesson } = await ok<{ addLesson: { id: string } }>(
    "mutation($courseId: ID!, $input: AddLessonInput!) { addLesson(courseId: $courseId, input: $input) { id } }",
    { courseId: id, input: lesson },
    coach.token,
  );
  await ok("mutation($id: ID!) { publishLesson(id: $id) { id } }", { id: addLesson.id }, coach.token);
  return addLesson.id;
}

beforeAll(async () => {
  platform = await startPlatform({ content: true, biz: true });
  request = graphqlClient(platform.url);
  [buyer, stranger, admin] = await Promise.all([
    signUp(request, "Buyer"),
    signUp(request, "Stranger"),
    adminOf(platform, request),
  ]);
  author = await signUpCoach(platform, request, "Author");
  otherCoach = await signUpCoach(platform, request, "OtherCoach");

  courseId = await createCourse(author, "Calm breathing", 4_900);
  await addLesson(author, courseId, { title: "Why breathe", body: "Free.", position: 1, preview: true });
  paidLessonId = await addLesson(author, courseId, { title: "The count", body: PAID_BODY, position: 2 });
  await ok("mutation($id: ID!) { publishCourse(id: $id) { id } }", { id: courseId }, author.token);
  draftCourseId = await createCourse(author, DRAFT_TITLE, 0);

  const { purchaseCourse } = await ok<{ purchaseCourse: { id: string } }>(
    BUY,
    { courseId, key: "buyer-key-1" },
    buyer.token,
  );
  purchaseId = purchaseCourse.id;
  await eventually(
    async () =>
      (await ok<{ coursePurchase: { status: string } }>(PURCHASE, { id: purchaseId }, buyer.token))
        .coursePurchase.status,
    (status) => status === "PAID",
  );
}, 90_000);
afterAll(async () => {
  await platform?.close();
});

describe("a course's entitlements", () => {
  it("a purchase is its buyer's: another user, or another coach, gets NOT_FOUND", async () => {
    for (const intruder of [stranger, otherCoach, author]) {
      expect(code(await request(PURCHASE, { id: purchaseId }, intruder.token))).toBe("NOT_FOUND");
    }
    expect(
      (await ok<{ coursePurchase: { status: string } }>(PURCHASE, { id: purchaseId }, admin.token))
        .coursePurchase.status,
    ).toBe("PAID");
  });

  it("the buyer's idempotency key is the buyer's: a stranger reusing it starts a purchase of their own", async () => {
    const reused = await ok<{ purchaseCourse: { id: string; buyer: { id: string } } }>(
      BUY,
      { courseId, key: "buyer-key-1" },
      stranger.token,
    );
    expect(reused.purchaseCourse.id).not.toBe(purchaseId);
    expect(reused.purchaseCourse.buyer.id).toBe(stranger.id);
  });

  it("a paid lesson's body is FORBIDDEN to whoever did not buy it, coaches included; the buyer, the author and an admin read it", async () => {
    for (const intruder of [otherCoach]) {
      const read = await request<{ course: { lessons: Array<{ id: string; body: string | null }> } }>(
        COURSE,
        { id: courseId },
        intruder.token,
      );
      expect(read.data?.course.lessons.find((lesson) => lesson.id === paidLessonId)?.body).toBeNull();
      expect(code(read)).toBe("FORBIDDEN");
      expect(JSON.stringify(read)).not.toContain("quokka");
    }
    for (const reader of [buyer, author, admin]) {
      const { course } = await ok<{ course: { lessons: Array<{ id: string; body: string }> } }>(
        COURSE,
        { id: courseId },
        reader.token,
      );
      expect(course.lessons.find((lesson) => lesson.id === paidLessonId)?.body).toBe(PAID_BODY);
    }
  });

  it("a paid lesson's words find nothing in search for anyone", async () => {
    for (const reader of [stranger, buyer]) {
      const found = await ok<{ search: { nodes: unknown[] } }>(SEARCH, { q: "quokka" }, reader.token);
      expect(found.search.nodes).toEqual([]);
    }
  });

  it("a draft course is NOT_FOUND to everyone but its author and admins, and absent from lists and search", async () => {
    for (const intruder of [stranger, otherCoach]) {
      expect(code(await request(COURSE, { id: draftCourseId }, intruder.token))).toBe("NOT_FOUND");
      const listed = await ok<{ courses: { nodes: Array<{ id: string }> } }>(
        "{ courses(first: 50) { nodes { id } } }",
        {},
        intruder.token,
      );
      expect(listed.courses.nodes.map((node) => node.id)).not.toContain(draftCourseId);
      const found = await ok<{ search: { nodes: unknown[] } }>(SEARCH, { q: "wombat" }, intruder.token);
      expect(found.search.nodes).toEqual([]);
    }
    expect(
      (await ok<{ course: { title: string } }>(COURSE, { id: draftCourseId }, author.token)).course.title,
    ).toBe(DRAFT_TITLE);
  });

  it("another coach cannot edit, publish, unpublish or add lessons to the author's course, and it stays as it was", async () => {
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['mutation($id: ID!) { updateCourse(id: $id, input: { title: "Hijacked" }) { id } }', { id: courseId }],
      ["mutation($id: ID!) { unpublishCourse(id: $id) { id } }", { id: courseId }],
      ["mutation($id: ID!) { publishCourse(id: $id) { id } }", { id: draftCourseId }],
      [
        'mutation($id: ID!) { addLesson(courseId: $id, input: { title: "Mine", body: "x", position: 9 }) { id } }',
        { id: courseId },
      ],
      [
        'mutation($id: ID!) { updateLesson(id: $id, input: { body: "Hijacked" }) { id } }',
        { id: paidLessonId },
      ],
      ["mutation($id: ID!) { unpublishLesson(id: $id) { id } }", { id: paidLessonId }],
    ];
    for (const intruder of [otherCoach, stranger]) {
      for (const [mutation, variables] of attempts) {
        const answer = await request(mutation, variables, intruder.token);
        expect(["FORBIDDEN", "NOT_FOUND"], mutation).toContain(code(answer));
      }
    }
    const { course } = await ok<{
      course: { title: string; status: string; lessons: Array<{ body: string }> };
    }>(COURSE, { id: courseId }, author.token);
    expect(course).toMatchObject({ title: "Calm breathing", status: "PUBLISHED" });
    expect(course.lessons.map((lesson) => lesson.body)).toEqual(["Free.", PAID_BODY]);
    expect(
      (await ok<{ course: { status: string } }>(COURSE, { id: draftCourseId }, author.token)).course.status,
    ).toBe("DRAFT");
  });
});

const WORKBENCH = `query($from: DateTimeISO!, $to: DateTimeISO!, $coachId: ID) {
  workbench(from: $from, to: $to, coachId: $coachId) { coachId ordersInProgress }
}`;
const REPORTS = "query($coachId: ID) { performanceReports(coachId: $coachId) { nodes { id summary } } }";
const SUBMIT = `mutation($input: SubmitPerformanceReportInput!) { submitPerformanceReport(input: $input) { id coachId } }`;
const period = () => {
  const to = new Date(Date.now() + 60_000);
  return { from: new Date(to.getTime() - 24 * 3600_000).toISOString(), to: to.toISOString() };
};

describe("the workbench and performance reports", () => {
  it("a coach's workbench is FORBIDDEN to another coach and to a user; the coach and an admin read it", async () => {
    for (const intruder of [otherCoach, stranger]) {
      expect(code(await request(WORKBENCH, { ...period(), coachId: author.id }, intruder.token))).toBe(
        "FORBIDDEN",
      );
    }
    for (const reader of [author, admin]) {
      const { workbench } = await ok<{ workbench: { coachId: string } }>(
        WORKBENCH,
        { ...period(), coachId: author.id },
        reader.token,
      );
      expect(workbench.coachId).toBe(author.id);
    }
  });

  it("a coach's reports are FORBIDDEN to another coach; a user submits none; each coach lists only their own", async () => {
    const input = { ...period(), summary: "Private notes about my clients' progress", metrics: [] };
    const { submitPerformanceReport } = await ok<{
      submitPerformanceReport: { id: string; coachId: string };
    }>(SUBMIT, { input }, author.token);
    expect(submitPerformanceReport.coachId).toBe(author.id);

    expect(code(await request(REPORTS, { coachId: author.id }, otherCoach.token))).toBe("FORBIDDEN");
    expect(code(await request(REPORTS, { coachId: author.id }, stranger.token))).toBe("FORBIDDEN");
    expect(code(await request(SUBMIT, { input }, stranger.token))).toBe("FORBIDDEN");
    const own = await ok<{ performanceReports: { nodes: Array<{ id: string }> } }>(
      REPORTS,
      {},
      otherCoach.token,
    );
    expect(own.performanceReports.nodes.map((node) => node.id)).not.toContain(submitPerformanceReport.id);
    const byAdmin = await ok<{ performanceReports: { nodes: Array<{ id: string }> } }>(
      REPORTS,
      { coachId: author.id },
      admin.token,
    );
    expect(byAdmin.performanceReports.nodes.map((node) => node.id)).toContain(submitPerformanceReport.id);
  });
});

const COMMUNITY = `query($id: ID!) {
  community(id: $id) { id memberCount members { nodes { member { id } role } } }
}`;
const SET_ROLE = `mutation($communityId: ID!, $userId: ID!, $role: CommunityRole!) {
  setCommunityRole(communityId: $communityId, userId: $userId, role: $role) { role }
}`;
const REMOVE = `mutation($communityId: ID!, $userId: ID!) {
  removeCommunityMember(communityId: $communityId, userId: $userId) { status }
}`;
const JOIN = `mutation($id: ID!, $key: String!) { joinCommunity(id: $id, idempotencyKey: $key) { status } }`;

interface CommunityView {
  community: {
    memberCount: number;
    members: { nodes: Array<{ member: { id: string }; role: string }> } | null;
  };
}

describe("a community group's membership", () => {
  let groupId: string;
  let member: Person;
  let groupAdmin: Person;

  beforeAll(async () => {
    [member, groupAdmin] = await Promise.all([signUp(request, "Member"), signUp(request, "GroupAdmin")]);
    const { createCommunity } = await ok<{ createCommunity: { id: string } }>(
      "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { id } }",
      { input: { name: "Morning walkers" } },
      author.token,
    );
    groupId = createCommunity.id;
    for (const person of [member, groupAdmin]) {
      await ok(JOIN, { id: groupId, key: `join-${person.id}` }, person.token);
    }
    await ok(SET_ROLE, { communityId: groupId, userId: groupAdmin.id, role: "ADMIN" }, author.token);
  }, 60_000);

  const roles = async () => {
    const { community } = await ok<CommunityView>(COMMUNITY, { id: groupId }, author.token);
    return Object.fromEntries(community.members?.nodes.map((node) => [node.member.id, node.role]) ?? []);
  };

  it("its member list is FORBIDDEN to a non-member, coaches and admins of the platform included", async () => {
    for (const outsider of [stranger, otherCoach, admin]) {
      const read = await request<CommunityView>(COMMUNITY, { id: groupId }, outsider.token);
      expect(read.data?.community.members).toBeNull();
      expect(read.data?.community.memberCount).toBe(3);
      expect(code(read)).toBe("FORBIDDEN");
    }
    const { community } = await ok<CommunityView>(COMMUNITY, { id: groupId }, member.token);
    expect(community.members?.nodes).toHaveLength(3);
  });

  it("no one raises themself, and only the owner sets roles; the roles stay as the owner set them", async () => {
    const attempts: Array<[Person, Record<string, unknown>]> = [
      [member, { communityId: groupId, userId: member.id, role: "ADMIN" }],
      [member, { communityId: groupId, userId: member.id, role: "OWNER" }],
      [groupAdmin, { communityId: groupId, userId: groupAdmin.id, role: "OWNER" }],
      [groupAdmin, { communityId: groupId, userId: member.id, role: "ADMIN" }],
      [stranger, { communityId: groupId, userId: stranger.id, role: "ADMIN" }],
      [admin, { communityId: groupId, userId: member.id, role: "ADMIN" }],
    ];
    for (const [caller, variables] of attempts) {
      expect(code(await request(SET_ROLE, variables, caller.token)), JSON.stringify(variables)).toBe(
        "FORBIDDEN",
      );
    }
    expect(await roles()).toEqual({ [author.id]: "OWNER", [member.id]: "MEMBER", [groupAdmin.id]: "ADMIN" });
  });

  it("a stranger or a plain member removes no one, and nobody removes the owner", async () => {
    for (const [caller, target] of [
      [stranger, member],
      [member, groupAdmin],
      [groupAdmin, author],
    ] as const) {
      const answer = await request(REMOVE, { communityId: groupId, userId: target.id }, caller.token);
      expect(["FORBIDDEN", "NOT_FOUND"]).toContain(code(answer));
    }
    expect(await roles()).toEqual({ [author.id]: "OWNER", [member.id]: "MEMBER", [groupAdmin.id]: "ADMIN" });
  });
});

describe("a question's and an answer's edits and deletions", () => {
  const QUESTION = "query($id: ID!) { question(id: $id) { id title body answers { id body } } }";
  const UPDATE_QUESTION =
    "mutation($id: ID!, $input: UpdateQuestionInput!) { updateQuestion(id: $id, input: $input) { id } }";
  const UPDATE_ANSWER =
    "mutation($a: ID!, $body: String!) { updateAnswer(answerId: $a, body: $body) { id } }";
  const DELETE_QUESTION = "mutation($id: ID!) { deleteQuestion(id: $id) }";
  const DELETE_ANSWER = "mutation($a: ID!) { deleteAnswer(answerId: $a) }";

  it("someone else's question or answer cannot be edited or deleted (FORBIDDEN), and stays as it was", async () => {
    const { askQuestion } = await ok<{ askQuestion: { id: string } }>(
      'mutation { askQuestion(input: { title: "Knee pain on stairs", body: "Only going down." }) { id } }',
      {},
      buyer.token,
    );
    const { answerQuestion } = await ok<{ answerQuestion: { id: string } }>(
      'mutation($q: ID!) { answerQuestion(questionId: $q, body: "Strengthen the quads.") { id } }',
      { q: askQuestion.id },
      author.token,
    );
    const before = await ok(QUESTION, { id: askQuestion.id }, buyer.token);
    const probes: Array<[string, Record<string, unknown>, Person]> = [
      [UPDATE_QUESTION, { id: askQuestion.id, input: { body: "Hijacked." } }, stranger],
      [UPDATE_QUESTION, { id: askQuestion.id, input: { body: "Hijacked." } }, author],
      [UPDATE_QUESTION, { id: askQuestion.id, input: { body: "Hijacked." } }, admin],
      [DELETE_QUESTION, { id: askQuestion.id }, stranger],
      [DELETE_QUESTION, { id: askQuestion.id }, author],
      [UPDATE_ANSWER, { a: answerQuestion.id, body: "Hijacked." }, stranger],
      [UPDATE_ANSWER, { a: answerQuestion.id, body: "Hijacked." }, buyer],
      [UPDATE_ANSWER, { a: answerQuestion.id, body: "Hijacked." }, admin],
      [DELETE_ANSWER, { a: answerQuestion.id }, stranger],
      [DELETE_ANSWER, { a: answerQuestion.id }, buyer],
    ];
    for (const [query, variables, who] of probes) {
      expect(code(await request(query, variables, who.token)), `${query} by ${who.id}`).toBe("FORBIDDEN");
    }
    // Anonymous callers are turned away before anything is looked up.
    expect(code(await request(DELETE_QUESTION, { id: askQuestion.id }))).toBe("UNAUTHENTICATED");
    expect(await ok(QUESTION, { id: askQuestion.id }, buyer.token)).toEqual(before);
  });

  it("a question held for review is NOT_FOUND to others: they can neither edit nor delete it", async () => {
    // Letters only, one word of this run's own: the list matches whole Latin words.
    const word = `wombatcoin${String(Date.now()).replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;
    await ok("mutation($w: String!) { addModerationWord(word: $w) { word } }", { w: word }, admin.token);
    const { askQuestion } = await ok<{ askQuestion: { id: string } }>(
      'mutation($t: String!) { askQuestion(input: { title: $t, body: "Worth it?" }) { id } }',
      { t: `Is ${word} a supplement?` },
      buyer.token,
    );
    for (const who of [stranger, author]) {
      expect(code(await request(DELETE_QUESTION, { id: askQuestion.id }, who.token))).toBe("NOT_FOUND");
      expect(
        code(await request(UPDATE_QUESTION, { id: askQuestion.id, input: { title: "Mine now" } }, who.token)),
      ).toBe("NOT_FOUND");
    }
    expect(await ok(QUESTION, { id: askQuestion.id }, buyer.token)).toMatchObject({
      question: { title: `Is ${word} a supplement?` },
    });
  });
});

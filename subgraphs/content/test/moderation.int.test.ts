import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";
import { CREATE_POST, errorOf, okWith, type Person, POST, SEARCH } from "./support.ts";

// Moderation through the subgraph's GraphQL: the word list admins keep hides posts, comments and course
// publications pending review (no content_published until approved); reports queue a post and, at the
// threshold (3 distinct reporters by default), hide it; an admin keeps or removes what is queued.

let h: ContentHarness;
const ok = okWith(() => h);
const error = errorOf(() => h);
let author: Person;
let reader: Person;
let admin: Person;
let coach: Person;

const ADD_WORD = `mutation($w: String!) { addModerationWord(word: $w) { word } }`;
const QUEUE = `query { moderationQueue { nodes { id kind targetId words post { id status } course { id status } comment { id status } reports { reason reporter { id } } } } }`;
const REVIEW = `mutation($id: ID!, $d: ReviewDecision!, $r: String) { reviewModerationCase(caseId: $id, decision: $d, reason: $r) { id } }`;
const REPORT = `mutation($id: ID!, $r: String!) { reportPost(postId: $id, reason: $r) }`;

type Case = {
  id: string;
  kind: string;
  targetId: string;
  words: string[];
  reports: { reason: string; reporter: { id: string } }[];
};
const queue = async () =>
  (await ok<{ moderationQueue: { nodes: Case[] } }>(QUEUE, {}, admin.token)).moderationQueue.nodes;
const caseOf = async (targetId: string) => (await queue()).find((c) => c.targetId === targetId);
const createPost = async (who: Person, input: Record<string, unknown>) =>
  (await ok<{ createPost: { id: string; status: string } }>(CREATE_POST, { input }, who.token)).createPost;
const found = async (q: string) =>
  (await ok<{ search: { nodes: { item: { id: string } }[] } }>(SEARCH, { q }, reader.token)).search.nodes.map(
    (n) => n.item.id,
  );

beforeAll(async () => {
  h = await startContentSubgraph();
  author = await h.person();
  reader = await h.person();
  admin = await h.person(["user", "admin"]);
  coach = await h.person(["user", "coach"]);
  await ok(ADD_WORD, { w: "赌博" }, admin.token);
  await ok(ADD_WORD, { w: " ZEBRACOIN " }, admin.token);
});
afterAll(() => h?.close());

describe("the word list", () => {
  it("is kept by admins only, stored normalised", async () => {
    expect(await error(ADD_WORD, { w: "x" }, reader.token)).toMatchObject({ code: "FORBIDDEN" });
    expect(await error(`query { moderationWords { word } }`, {}, reader.token)).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await error(ADD_WORD, { w: "  " }, admin.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "word",
    });
    await ok(ADD_WORD, { w: "ZebraCoin" }, admin.token);
    const words = await ok<{ moderationWords: { word: string }[] }>(
      `query { moderationWords { word } }`,
      {},
      admin.token,
    );
    expect(words.moderationWords.map((w) => w.word)).toEqual(["zebracoin", "赌博"]);
    await ok(ADD_WORD, { w: "temporary" }, admin.token);
    await ok(`mutation { removeModerationWord(word: "Temporary") }`, {}, admin.token);
    expect(
      await error(`mutation { removeModerationWord(word: "temporary") }`, {}, admin.token),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
    // ops's audit log hears of each change of the list, with who made it; of the refused removal nothing.
    const recorded = await h.db.outboxEvent.findMany({
      where: { subject: "content.admin_action_recorded.v1", aggregateId: "temporary" },
      orderBy: { createdAt: "asc" },
    });
    expect(recorded.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        payload: expect.objectContaining({ action: "add_moderation_word" }),
      }),
      expect.objectContaining({
        actorId: admin.id,
        payload: expect.objectContaining({ action: "remove_moderation_word" }),
      }),
    ]);
  });

  it("hides a post holding a listed word (Chinese inside a sentence) from everyone but its author and admins", async () => {
    const post = await createPost(author, { title: "周末计划", body: "我们今天一起去赌博吧" });
    expect(post.status).toBe("PENDING_REVIEW");
    expect(await error(POST, { id: post.id }, reader.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await error(POST, { id: post.id })).toMatchObject({ code: "NOT_FOUND" });
    expect((await ok<{ post: { status: string } }>(POST, { id: post.id }, author.token)).post.status).toBe(
      "PENDING_REVIEW",
    );
    expect(await found("周末计划")).toEqual([]);
    expect(await caseOf(post.id)).toMatchObject({ kind: "POST", words: ["赌博"] });
    const mine = await ok<{ posts: { nodes: { id: string; status: string }[] } }>(
      `query($a: ID) { posts(authorId: $a) { nodes { id status } } }`,
      { a: author.id },
      author.token,
    );
    expect(mine.posts.nodes).toContainEqual({ id: post.id, status: "PENDING_REVIEW" });
    const theirs = await ok<{ posts: { nodes: { id: string }[] } }>(
      `query($a: ID) { posts(authorId: $a) { nodes { id } } }`,
      { a: author.id },
      reader.token,
    );
    expect(theirs.posts.nodes.map((p) => p.id)).not.toContain(post.id);
  });

  it("hides an edit that adds a listed word, and takes the post out of search at once", async () => {
    const post = await createPost(author, { title: "Clean title", body: "Nothing to see." });
    expect(await found("clean title")).toEqual([post.id]);
    await ok(
      `mutation($id: ID!) { updatePost(id: $id, input: { body: "Buy ZebraCoin today" }) { status } }`,
      { id: post.id },
      author.token,
    );
    expect(await found("clean title")).toEqual([]);
    expect(await caseOf(post.id)).toMatchObject({ words: ["zebracoin"] });
  });

  it("holds a flagged comment for review", async () => {
    const post = await createPost(author, { title: "Open thread", body: "Say hi." });
    const { addComment } = await ok<{ addComment: { id: string; status: string } }>(
      `mutation($p: ID!) { addComment(postId: $p, body: "赌博网站在这里") { id status } }`,
      { p: post.id },
      reader.token,
    );
    expect(addComment.status).toBe("PENDING_REVIEW");
    const LIST = `query($id: ID!) { post(id: $id) { comments { nodes { id status } } } }`;
    const others = await ok<{ post: { comments: { nodes: unknown[] } } }>(
      LIST,
      { id: post.id },
      author.token,
    );
    expect(others.post.comments.nodes).toEqual([]);
    const own = await ok<{ post: { comments: { nodes: unknown[] } } }>(LIST, { id: post.id }, reader.token);
    expect(own.post.comments.nodes).toEqual([{ id: addComment.id, status: "PENDING_REVIEW" }]);
    const held = await caseOf(addComment.id);
    await ok(REVIEW, { id: held?.id, d: "KEEP" }, admin.token);
    const decision = await h.db.outboxEvent.findFirst({
      where: { subject: "content.admin_action_recorded.v1", aggregateId: addComment.id },
    });
    expect(decision?.envelope).toMatchObject({
      actorId: admin.id,
      payload: { action: "review_moderation_case", subjectType: "Comment", details: { decision: "KEEP" } },
    });
    const shown = await ok<{ post: { comments: { nodes: unknown[] } } }>(LIST, { id: post.id }, author.token);
    expect(shown.post.comments.nodes).toEqual([{ id: addComment.id, status: "PUBLISHED" }]);
  });

  it("holds a course publication for review with no content_published until an admin approves", async () => {
    const { createCourse } = await ok<{ createCourse: { id: string } }>(
      `mutation { createCourse(input: { title: "Get rich", summary: "Invest in zebracoin.", priceAmount: 0 }) { id } }`,
      {},
      coach.token,
    );
    const PUBLISH = `mutation($id: ID!) { publishCourse(id: $id) { status } }`;
    expect(await ok(PUBLISH, { id: createCourse.id }, coach.token)).toEqual({
      publishCourse: { status: "PENDING_REVIEW" },
    });
    const published = () =>
      h.db.outboxEvent.count({
        where: { subject: "content.content_published.v1", aggregateId: createCourse.id },
      });
    expect(await published()).toBe(0);
    expect(
      await error(`query($id: ID!) { course(id: $id) { id } }`, { id: createCourse.id }, reader.token),
    ).toMatchObject({ code: "NOT_FOUND" });
    const held = await caseOf(createCourse.id);
    expect(held).toMatchObject({ kind: "COURSE", words: ["zebracoin"] });
    expect(await error(REVIEW, { id: held?.id, d: "KEEP" }, coach.token)).toMatchObject({
      code: "FORBIDDEN",
    });
    await ok(REVIEW, { id: held?.id, d: "KEEP" }, admin.token);
    expect(await published()).toBe(1);
    const course = await ok<{ course: { status: string } }>(
      `query($id: ID!) { course(id: $id) { status } }`,
      { id: createCourse.id },
      reader.token,
    );
    expect(course.course.status).toBe("PUBLISHED");
    expect(await caseOf(createCourse.id)).toBeUndefined();
  });
  it("holds a lesson publication for review; removing sends it back to a draft", async () => {
    const { createCourse } = await ok<{ createCourse: { id: string } }>(
      `mutation { createCourse(input: { title: "Sleep well", summary: "Rest.", priceAmount: 0 }) { id } }`,
      {},
      coach.token,
    );
    const { addLesson } = await ok<{ addLesson: { id: string } }>(
      `mutation($c: ID!) { addLesson(courseId: $c, input: { title: "Night one", body: "先别赌博，早点睡。", position: 1 }) { id } }`,
      { c: createCourse.id },
      coach.token,
    );
    const PUBLISH = `mutation($id: ID!) { publishLesson(id: $id) { status } }`;
    expect(await ok(PUBLISH, { id: addLesson.id }, coach.token)).toEqual({
      publishLesson: { status: "PENDING_REVIEW" },
    });
    expect(
      await h.db.outboxEvent.count({
        where: { subject: "content.content_published.v1", aggregateId: addLesson.id },
      }),
    ).toBe(0);
    const held = await caseOf(addLesson.id);
    expect(held).toMatchObject({ kind: "LESSON", words: ["赌博"] });
    await ok(REVIEW, { id: held?.id, d: "REMOVE", r: "Mentions gambling" }, admin.token);
    const lesson = await h.db.lesson.findUniqueOrThrow({ where: { id: addLesson.id } });
    expect(lesson.status).toBe("DRAFT");
  });
});

describe("reports and review", () => {
  it("queues a reported post, hides it at 3 distinct reporters, and an admin keeps it", async () => {
    const post = await createPost(author, { title: "Controversial take", body: "Running barefoot is best." });
    const [r1, r2, r3] = [reader, await h.person(), await h.person()];
    expect(await error(REPORT, { id: post.id, r: "mine" }, author.token)).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await error(REPORT, { id: post.id, r: " " }, r1.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "reason",
    });
    await ok(REPORT, { id: post.id, r: "Dangerous advice" }, r1.token);
    await ok(REPORT, { id: post.id, r: "Again!" }, r1.token);
    expect(await caseOf(post.id)).toMatchObject({
      kind: "POST",
      words: [],
      reports: [{ reason: "Dangerous advice" }],
    });
    await ok(REPORT, { id: post.id, r: "Wrong" }, r2.token);
    expect(await found("controversial")).toEqual([post.id]);
    expect(await error(QUEUE, {}, r1.token)).toMatchObject({ code: "FORBIDDEN" });

    await ok(REPORT, { id: post.id, r: "Harmful" }, r3.token);
    expect(await error(POST, { id: post.id }, r1.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await found("controversial")).toEqual([]);
    const held = await caseOf(post.id);
    expect(held?.reports).toHaveLength(3);

    await ok(REVIEW, { id: held?.id, d: "KEEP" }, admin.token);
    expect((await ok<{ post: { status: string } }>(POST, { id: post.id }, r1.token)).post.status).toBe(
      "PUBLISHED",
    );
    expect(await found("controversial")).toEqual([post.id]);
    expect(await caseOf(post.id)).toBeUndefined();
    expect(await error(REVIEW, { id: held?.id, d: "KEEP" }, admin.token)).toMatchObject({
      code: "NOT_FOUND",
    });
    // The same reporter again changes nothing: their report was closed by the review.
    await ok(REPORT, { id: post.id, r: "Still bad" }, r1.token);
    expect(await caseOf(post.id)).toBeUndefined();
  });

  it("removes a post for good: its author sees why, no one else sees it", async () => {
    const post = await createPost(author, { title: "Miracle cure", body: "Cures everything." });
    await ok(REPORT, { id: post.id, r: "Fake medicine" }, reader.token);
    const held = await caseOf(post.id);
    expect(await error(REVIEW, { id: held?.id, d: "REMOVE" }, admin.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "reason",
    });
    await ok(REVIEW, { id: held?.id, d: "REMOVE", r: "Medical misinformation" }, admin.token);
    const seen = await ok<{ post: { status: string; removalReason: string } }>(
      POST,
      { id: post.id },
      author.token,
    );
    expect(seen.post).toMatchObject({ status: "REMOVED", removalReason: "Medical misinformation" });
    expect(await error(POST, { id: post.id }, reader.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await found("miracle")).toEqual([]);
    expect(
      await error(
        `mutation($id: ID!) { updatePost(id: $id, input: { title: "Fixed" }) { id } }`,
        { id: post.id },
        author.token,
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";
import { CREATE_POST, errorOf, okWith, type Person, POST, SEARCH } from "./support.ts";

// Community posts through the subgraph's GraphQL (issue 11, M11): who writes, edits and deletes; likes
// idempotent with exactly one post_liked in the outbox; comments; search over posts in Chinese and English.

let h: ContentHarness;
const ok = okWith(() => h);
const error = errorOf(() => h);
let author: Person;
let reader: Person;
let stranger: Person;
let admin: Person;

type Created = { createPost: { id: string; status: string } };
const createPost = async (who: Person, input: Record<string, unknown>) =>
  (await ok<Created>(CREATE_POST, { input }, who.token)).createPost;

beforeAll(async () => {
  h = await startContentSubgraph();
  author = await h.person();
  reader = await h.person();
  stranger = await h.person();
  admin = await h.person(["user", "admin"]);
});
afterAll(() => h?.close());

describe("posts", () => {
  it("publishes a post, and refuses bad input naming the field with nothing written", async () => {
    const post = await createPost(author, {
      title: "Morning run",
      body: "5 km before breakfast.",
      tags: ["Run"],
    });
    expect(post.status).toBe("PUBLISHED");
    const before = await h.db.post.count();
    expect(await error(CREATE_POST, { input: { title: " ", body: "b" } }, author.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.title",
    });
    expect(
      await error(CREATE_POST, { input: { title: "t", body: "x".repeat(5_001) } }, author.token),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "input.body" });
    expect(await error(CREATE_POST, { input: { title: "t", body: "b" } })).toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await h.db.post.count()).toBe(before);
  });

  it("lets only the author edit, the author or an admin delete", async () => {
    const post = await createPost(author, { title: "Mine", body: "My words." });
    const UPDATE = `mutation($id: ID!, $input: UpdatePostInput!) { updatePost(id: $id, input: $input) { id title } }`;
    const DELETE = `mutation($id: ID!) { deletePost(id: $id) }`;
    expect(await error(UPDATE, { id: post.id, input: { title: "Yours" } }, stranger.token)).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await error(UPDATE, { id: post.id, input: { title: "Admin's" } }, admin.token)).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await error(DELETE, { id: post.id }, stranger.token)).toMatchObject({ code: "FORBIDDEN" });
    expect(await error(UPDATE, { id: post.id, input: {} }, author.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input",
    });
    const edited = await ok<{ updatePost: { title: string } }>(
      UPDATE,
      { id: post.id, input: { title: "Still mine" } },
      author.token,
    );
    expect(edited.updatePost.title).toBe("Still mine");
    expect(await ok(DELETE, { id: post.id }, admin.token)).toEqual({ deletePost: post.id });
    // An admin deleting another's post is recorded for ops's audit log (an author's own deletion is not).
    const recorded = await h.db.outboxEvent.findMany({
      where: { subject: "content.admin_action_recorded.v1", aggregateId: post.id },
    });
    expect(recorded.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        payload: expect.objectContaining({ action: "delete_post", details: { authorId: author.id } }),
      }),
    ]);
    expect(await error(POST, { id: post.id }, author.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await error(POST, { id: "nope" })).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("lists published posts newest first, by author and tag", async () => {
    const first = await createPost(stranger, { title: "One", body: "b", tags: ["yoga"] });
    const second = await createPost(stranger, { title: "Two", body: "b", tags: ["yoga"] });
    const list = await ok<{ posts: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean } } }>(
      `query($a: ID) { posts(authorId: $a, tag: "YOGA", first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { a: stranger.id },
    );
    expect(list.posts.nodes.map((p) => p.id)).toEqual([second.id]);
    expect(list.posts.pageInfo.hasNextPage).toBe(true);
    const all = await ok<{ posts: { nodes: { id: string }[] } }>(
      `query($a: ID) { posts(authorId: $a) { nodes { id } } }`,
      { a: stranger.id },
    );
    expect(all.posts.nodes.map((p) => p.id)).toEqual([second.id, first.id]);
  });
});

describe("likes", () => {
  it("counts a user's like once and writes exactly one post_liked", async () => {
    const post = await createPost(author, { title: "Like me", body: "Please." });
    const LIKE = `mutation($id: ID!) { likePost(id: $id) { likeCount likedByMe } }`;
    const UNLIKE = `mutation($id: ID!) { unlikePost(id: $id) { likeCount likedByMe } }`;
    expect(await ok(LIKE, { id: post.id }, reader.token)).toEqual({
      likePost: { likeCount: 1, likedByMe: true },
    });
    expect(await ok(LIKE, { id: post.id }, reader.token)).toEqual({
      likePost: { likeCount: 1, likedByMe: true },
    });
    await Promise.all([ok(LIKE, { id: post.id }, stranger.token), ok(LIKE, { id: post.id }, stranger.token)]);
    const seen = await ok<{ post: { likeCount: number; likedByMe: boolean } }>(
      POST,
      { id: post.id },
      author.token,
    );
    expect(seen.post).toMatchObject({ likeCount: 2, likedByMe: false });

    const events = await h.db.outboxEvent.findMany({
      where: { subject: "content.post_liked.v1", aggregateId: post.id },
    });
    const payloads = events.map((row) => (row.envelope as { payload: Record<string, string> }).payload);
    expect(payloads).toHaveLength(2);
    expect(payloads).toEqual(
      expect.arrayContaining([
        { postId: post.id, authorId: author.id, likerId: reader.id, likedAt: expect.any(String) },
        expect.objectContaining({ likerId: stranger.id }),
      ]),
    );

    expect(await ok(UNLIKE, { id: post.id }, reader.token)).toEqual({
      unlikePost: { likeCount: 1, likedByMe: false },
    });
    expect(await ok(UNLIKE, { id: post.id }, reader.token)).toEqual({
      unlikePost: { likeCount: 1, likedByMe: false },
    });
  });
});

describe("comments", () => {
  it("adds, lists and deletes comments; only their author or an admin deletes", async () => {
    const post = await createPost(author, { title: "Talk to me", body: "Comments welcome." });
    const ADD = `mutation($postId: ID!, $body: String!) { addComment(postId: $postId, body: $body) { id status author { id } } }`;
    const DEL = `mutation($id: ID!) { deleteComment(id: $id) }`;
    const LIST = `query($id: ID!) { post(id: $id) { comments { nodes { id body } } } }`;
    const a = await ok<{ addComment: { id: string } }>(ADD, { postId: post.id, body: "Nice!" }, reader.token);
    const b = await ok<{ addComment: { id: string } }>(
      ADD,
      { postId: post.id, body: "Agreed." },
      stranger.token,
    );
    expect(await error(ADD, { postId: post.id, body: " " }, reader.token)).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "body",
    });
    const listed = await ok<{ post: { comments: { nodes: { id: string }[] } } }>(LIST, { id: post.id });
    expect(listed.post.comments.nodes.map((c) => c.id)).toEqual([b.addComment.id, a.addComment.id]);
    expect(await error(DEL, { id: a.addComment.id }, stranger.token)).toMatchObject({ code: "FORBIDDEN" });
    await ok(DEL, { id: a.addComment.id }, reader.token);
    await ok(DEL, { id: b.addComment.id }, admin.token);
    const after = await ok<{ post: { comments: { nodes: unknown[] } } }>(LIST, { id: post.id });
    expect(after.post.comments.nodes).toEqual([]);
  });
});

describe("comments of a page of posts", () => {
  it("gives each post its own newest comments (held ones to their author only), and pages on by its own cursor", async () => {
    const writer = await h.person();
    const [older, newer] = [
      await createPost(writer, { title: "First", body: "One." }),
      await createPost(writer, { title: "Second", body: "Two." }),
    ];
    const ADD = `mutation($postId: ID!, $body: String!) { addComment(postId: $postId, body: $body) { id } }`;
    for (const body of ["o1", "o2", "o3"]) await ok(ADD, { postId: older.id, body }, reader.token);
    await ok(ADD, { postId: newer.id, body: "n1" }, reader.token);
    await ok(
      "mutation($w: String!) { addModerationWord(word: $w) { word } }",
      { w: "wombatcurse" },
      admin.token,
    );
    await ok(ADD, { postId: newer.id, body: "n2 wombatcurse" }, stranger.token);

    type Pages = {
      posts: {
        nodes: {
          id: string;
          comments: { nodes: { body: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }[];
      };
    };
    const PAGES = `query($authorId: ID!) { posts(authorId: $authorId) { nodes { id
      comments(first: 2) { nodes { body } pageInfo { hasNextPage endCursor } } } } }`;
    const bodies = (pages: Pages) =>
      pages.posts.nodes.map((post) => [
        post.id,
        post.comments.nodes.map((c) => c.body),
        post.comments.pageInfo.hasNextPage,
      ]);
    const seen = await ok<Pages>(PAGES, { authorId: writer.id }, reader.token);
    expect(bodies(seen)).toEqual([
      [newer.id, ["n1"], false],
      [older.id, ["o3", "o2"], true],
    ]);
    const byAuthor = await ok<Pages>(PAGES, { authorId: writer.id }, stranger.token);
    expect(bodies(byAuthor)[0]).toEqual([newer.id, ["n2 wombatcurse", "n1"], false]);

    const cursor = seen.posts.nodes[1]?.comments.pageInfo.endCursor;
    const NEXT = `query($id: ID!, $after: String) { post(id: $id) { comments(first: 2, after: $after) { nodes { body } pageInfo { hasNextPage } } } }`;
    const next = await ok<{
      post: { comments: { nodes: { body: string }[]; pageInfo: { hasNextPage: boolean } } };
    }>(NEXT, { id: older.id, after: cursor }, reader.token);
    expect(next.post.comments).toEqual({ nodes: [{ body: "o1" }], pageInfo: { hasNextPage: false } });
    expect(await error(NEXT, { id: older.id, after: "not-a-cursor" }, reader.token)).toMatchObject({
      code: "BAD_USER_INPUT",
    });
  });
});

describe("search over posts", () => {
  type Found = {
    search: {
      nodes: {
        item: {
          __typename: string;
          id: string;
          highlight: { title: { text: string } | null; body: { text: string; matches: unknown[] } | null };
        };
      }[];
    };
  };
  const search = (q: string) => ok<Found>(SEARCH, { q }, reader.token);

  it("finds published posts in Chinese and English with highlights, reindexes edits, forgets deletions", async () => {
    const zh = await createPost(author, { title: "降血压的饮食", body: "每天少吃盐，多吃蔬菜。" });
    const en = await createPost(author, {
      title: "Walking daily",
      body: "A brisk walk lowers blood pressure.",
    });
    const found = await search("血压");
    expect(found.search.nodes.map((n) => n.item.id)).toEqual([zh.id]);
    expect(found.search.nodes[0]?.item).toMatchObject({
      __typename: "Post",
      highlight: { title: { text: "降血压的饮食" } },
    });

    const english = await search("blood pressure");
    expect(english.search.nodes.map((n) => n.item.id)).toEqual([en.id]);
    expect(english.search.nodes[0]?.item.highlight.body?.matches).toEqual([
      { start: 20, end: 25 },
      { start: 26, end: 34 },
    ]);

    await ok(
      `mutation($id: ID!) { updatePost(id: $id, input: { body: "Swimming keeps the heart strong." }) { id } }`,
      { id: en.id },
      author.token,
    );
    expect((await search("blood pressure")).search.nodes).toEqual([]);
    expect((await search("swimming")).search.nodes.map((n) => n.item.id)).toEqual([en.id]);

    await ok(`mutation($id: ID!) { deletePost(id: $id) }`, { id: zh.id }, author.token);
    expect((await search("血压")).search.nodes).toEqual([]);
  });

  it("pages through courses and posts together, each once, most relevant first", async () => {
    const coach = await h.person(["user", "coach"]);
    const { createCourse } = await ok<{ createCourse: { id: string } }>(
      `mutation { createCourse(input: { title: "Hydration basics", summary: "Water.", priceAmount: 0 }) { id } }`,
      {},
      coach.token,
    );
    await ok(`mutation($id: ID!) { publishCourse(id: $id) { id } }`, { id: createCourse.id }, coach.token);
    const posts = [
      await createPost(author, { title: "My hydration log", body: "Two litres." }),
      await createPost(author, { title: "Summer", body: "Hydration matters in the heat." }),
    ];
    const PAGE = `query($q: String!, $after: String) { search(query: $q, first: 2, after: $after) { nodes { score item { __typename ... on Post { id } ... on Course { id } } } pageInfo { hasNextPage endCursor } } }`;
    type Paged = {
      search: {
        nodes: { score: number; item: { __typename: string; id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const one = await ok<Paged>(PAGE, { q: "hydration" });
    expect(one.search.nodes).toHaveLength(2);
    expect(one.search.pageInfo.hasNextPage).toBe(true);
    const two = await ok<Paged>(PAGE, { q: "hydration", after: one.search.pageInfo.endCursor });
    expect(two.search.pageInfo.hasNextPage).toBe(false);
    const all = [...one.search.nodes, ...two.search.nodes];
    expect(all.map((n) => n.item.id).sort()).toEqual([createCourse.id, ...posts.map((p) => p.id)].sort());
    expect(all.map((n) => n.item.__typename).sort()).toEqual(["Course", "Post", "Post"]);
    const scores = all.map((n) => n.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("ranks a title match above a body match", async () => {
    const body = await createPost(author, { title: "Evening notes", body: "Some stretching after dinner." });
    const title = await createPost(author, { title: "Stretching guide", body: "Start slowly." });
    const found = await search("stretching");
    expect(found.search.nodes.map((n) => n.item.id)).toEqual([title.id, body.id]);
  });
});

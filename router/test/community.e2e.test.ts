import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Community posts through the router (issue 11, M11): a user posts, another likes it twice (counted
// once) and comments, each author's name coming from auth; a post holding a word on the admins'
// moderation list is hidden from everyone but its author; a third user can neither edit nor delete
// a post; search finds posts in Chinese and English.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let author: Person;
let fan: Person;
let stranger: Person;

const POST = `query($id: ID!) { post(id: $id) { id title status likeCount likedByMe author { id displayName } comments { nodes { body author { displayName } } } } }`;
const CREATE = `mutation($input: CreatePostInput!) { createPost(input: $input) { id status } }`;
const SEARCH = `query($q: String!) { search(query: $q) { nodes { item { __typename ... on Post { id author { displayName } highlight { title { text matches { start end } } body { text } } } } } } }`;

const ok = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
  const { data, errors } = await request<T>(query, variables, token);
  if (!data || errors) throw new Error(JSON.stringify(errors));
  return data;
};
const codeOf = async (query: string, variables: Record<string, unknown>, token?: string) =>
  (await request(query, variables, token)).errors?.[0]?.extensions?.code;

beforeAll(async () => {
  platform = await startPlatform({ content: true });
  request = graphqlClient(platform.url);
  [author, fan, stranger] = await Promise.all([
    signUp(request, "Author"),
    signUp(request, "Fan"),
    signUp(request, "Stranger"),
  ]);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

describe("community posts through the router", () => {
  it("counts a second like once, shows comments with their authors' names", async () => {
    const { createPost } = await ok<{ createPost: { id: string; status: string } }>(
      CREATE,
      { input: { title: "晨跑打卡 Morning run", body: "今天跑了五公里，感觉很好。Ran 5 km today." } },
      author.token,
    );
    expect(createPost.status).toBe("PUBLISHED");
    const LIKE = `mutation($id: ID!) { likePost(id: $id) { likeCount likedByMe } }`;
    await ok(LIKE, { id: createPost.id }, fan.token);
    expect(await ok(LIKE, { id: createPost.id }, fan.token)).toEqual({
      likePost: { likeCount: 1, likedByMe: true },
    });
    await ok(
      `mutation($id: ID!) { addComment(postId: $id, body: "加油！Keep going") { id } }`,
      { id: createPost.id },
      fan.token,
    );
    const seen = await ok<{ post: unknown }>(POST, { id: createPost.id }, stranger.token);
    expect(seen.post).toEqual({
      id: createPost.id,
      title: "晨跑打卡 Morning run",
      status: "PUBLISHED",
      likeCount: 1,
      likedByMe: false,
      author: { id: author.id, displayName: "Author" },
      comments: { nodes: [{ body: "加油！Keep going", author: { displayName: "Fan" } }] },
    });

    for (const query of ["晨跑", "five km", "morning run"]) {
      const found = await ok<{ search: { nodes: Array<{ item: { id?: string } }> } }>(
        SEARCH,
        { q: query },
        fan.token,
      );
      if (query === "five km") expect(found.search.nodes).toEqual([]);
      else expect(found.search.nodes.map((n) => n.item.id)).toEqual([createPost.id]);
    }
    const zh = await ok<{ search: { nodes: Array<{ item: unknown }> } }>(SEARCH, { q: "晨跑" }, fan.token);
    expect(zh.search.nodes[0]?.item).toMatchObject({
      __typename: "Post",
      author: { displayName: "Author" },
      highlight: { title: { text: "晨跑打卡 Morning run", matches: [{ start: 0, end: 2 }] } },
    });
  }, 60_000);

  it("hides a post holding a listed word from others, and lets no third user edit or delete it", async () => {
    const admin = await adminOf(platform, request);
    await ok(`mutation { addModerationWord(word: "赌博") { word } }`, {}, admin.token);
    expect(await codeOf(`mutation { addModerationWord(word: "spam") { word } }`, {}, author.token)).toBe(
      "FORBIDDEN",
    );

    const { createPost: flagged } = await ok<{ createPost: { id: string; status: string } }>(
      CREATE,
      { input: { title: "周末活动", body: "我们周末一起去赌博吧" } },
      author.token,
    );
    expect(flagged.status).toBe("PENDING_REVIEW");
    expect(await codeOf(POST, { id: flagged.id }, stranger.token)).toBe("NOT_FOUND");
    const own = await ok<{ post: { status: string } }>(POST, { id: flagged.id }, author.token);
    expect(own.post.status).toBe("PENDING_REVIEW");
    const found = await ok<{ search: { nodes: unknown[] } }>(SEARCH, { q: "周末活动" }, stranger.token);
    expect(found.search.nodes).toEqual([]);

    const { createPost: clean } = await ok<{ createPost: { id: string } }>(
      CREATE,
      { input: { title: "Stretching", body: "Ten minutes every evening." } },
      author.token,
    );
    const UPDATE = `mutation($id: ID!) { updatePost(id: $id, input: { title: "Mine now" }) { id } }`;
    const DELETE = `mutation($id: ID!) { deletePost(id: $id) }`;
    expect(await codeOf(UPDATE, { id: clean.id }, stranger.token)).toBe("FORBIDDEN");
    expect(await codeOf(DELETE, { id: clean.id }, stranger.token)).toBe("FORBIDDEN");
    expect(await codeOf(UPDATE, { id: flagged.id }, stranger.token)).toBe("NOT_FOUND");
    expect(await codeOf(DELETE, { id: flagged.id }, stranger.token)).toBe("NOT_FOUND");
    const still = await ok<{ post: { title: string } }>(POST, { id: clean.id }, stranger.token);
    expect(still.post.title).toBe("Stretching");
  }, 60_000);
});

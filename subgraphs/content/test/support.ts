import type { ContentHarness } from "./harness.ts";

export type Person = Awaited<ReturnType<ContentHarness["person"]>>;

/** A request that must succeed: its data, or the errors thrown. */
export const okWith =
  (h: () => ContentHarness) =>
  async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const result = await h().request<T>(query, variables, token);
    if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

/** The `extensions` of a request's first error (its code and field). */
export const errorOf =
  (h: () => ContentHarness) => async (query: string, variables: Record<string, unknown>, token?: string) =>
    (await h().request(query, variables, token)).errors?.[0]?.extensions;

export const CREATE_POST = `mutation($input: CreatePostInput!) { createPost(input: $input) { id status title likeCount } }`;
export const POST = `query($id: ID!) { post(id: $id) { id title body status removalReason likeCount likedByMe } }`;
export const SEARCH = `query($q: String!) { search(query: $q) { nodes { score item { __typename ... on Post { id highlight { title { text matches { start end } } body { text matches { start end } } } } ... on Course { id } } } } }`;

import type { ContentContext } from "../context.ts";
import { canViewModerated } from "../domain/posts/rules.ts";
import { type Post, toPost } from "../model/post.ts";

/** `_entities` for Post: through the per-request loader; null unless the caller may see it. */
export async function resolvePostReference(
  reference: { __typename: string } & Record<string, unknown>,
  ctx: ContentContext,
): Promise<Post | null> {
  const post = await ctx.loaders.post.load(String(reference.id));
  if (!post || !canViewModerated(ctx.actor, post)) return null;
  return toPost(post);
}

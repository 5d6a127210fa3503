import type { ContentContext } from "../context.ts";
import { canViewQuestion } from "../domain/questions/rules.ts";
import { type Question, toQuestion } from "../model/question.ts";

/** `_entities` for Question: through the per-request loader; null unless the caller may see it. */
export async function resolveQuestionReference(
  reference: { __typename: string } & Record<string, unknown>,
  ctx: ContentContext,
): Promise<Question | null> {
  const question = await ctx.loaders.question.load(String(reference.id));
  if (!question || !canViewQuestion(ctx.actor, question)) return null;
  return toQuestion(question);
}

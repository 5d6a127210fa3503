import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { acceptAnswer, answerQuestion } from "../domain/questions/answers.ts";
import { deleteAnswer, updateAnswer } from "../domain/questions/edits.ts";
import { clearVote, voteAnswer } from "../domain/questions/votes.ts";
import { Answer, toAnswer, VoteDirection } from "../model/answer.ts";
import { Question, toQuestion } from "../model/question.ts";

@Resolver(() => Answer)
export class AnswerResolver {
  @Authorized()
  @Mutation(() => Answer, {
    description:
      "Answers an OPEN or ANSWERED question (1–10,000 characters). An answer holding a listed word is saved with `moderation` PENDING_REVIEW: you and admins alone see it until an admin reviews it.",
  })
  async answerQuestion(
    @Ctx() ctx: ContentContext,
    @Arg("questionId", () => ID) questionId: string,
    @Arg("body", () => String) body: string,
  ): Promise<Answer> {
    return toAnswer(await answerQuestion(ctx.deps.db, actorOf(ctx), { questionId, body }, new Date()), null);
  }

  @Authorized()
  @Mutation(() => Answer, {
    description:
      "Changes your answer's body (1–10,000 characters; not once removed by a moderator). Screened again: a listed word holds it for review; an edit never releases a held one.",
  })
  async updateAnswer(
    @Ctx() ctx: ContentContext,
    @Arg("answerId", () => ID) answerId: string,
    @Arg("body", () => String) body: string,
  ): Promise<Answer> {
    return this.withAccepted(ctx, await updateAnswer(ctx.deps.db, actorOf(ctx), answerId, body));
  }

  @Authorized()
  @Mutation(() => ID, {
    description:
      "Deletes an answer with its votes (its author or an admin); its id. The accepted answer cannot be deleted (CONFLICT).",
  })
  async deleteAnswer(
    @Ctx() ctx: ContentContext,
    @Arg("answerId", () => ID) answerId: string,
  ): Promise<string> {
    return deleteAnswer(ctx.deps.db, actorOf(ctx), answerId);
  }

  @Authorized()
  @Mutation(() => Question, {
    description:
      "The asker accepts an answer to their OPEN question (once; not their own answer): the question is ANSWERED and a held bounty is paid to the answer's author.",
  })
  async acceptAnswer(
    @Ctx() ctx: ContentContext,
    @Arg("answerId", () => ID) answerId: string,
  ): Promise<Question> {
    return toQuestion(await acceptAnswer(ctx.deps, actorOf(ctx), answerId, new Date()));
  }

  @Authorized()
  @Mutation(() => Answer, {
    description: "Votes on someone else's answer; voting again replaces your vote (one per person).",
  })
  async voteAnswer(
    @Ctx() ctx: ContentContext,
    @Arg("answerId", () => ID) answerId: string,
    @Arg("vote", () => VoteDirection) vote: VoteDirection,
  ): Promise<Answer> {
    return this.withAccepted(ctx, await voteAnswer(ctx.deps.db, actorOf(ctx), answerId, vote));
  }

  @Authorized()
  @Mutation(() => Answer, { description: "Takes your vote off an answer (nothing changes without one)." })
  async clearVote(@Ctx() ctx: ContentContext, @Arg("answerId", () => ID) answerId: string): Promise<Answer> {
    return this.withAccepted(ctx, await clearVote(ctx.deps.db, actorOf(ctx), answerId));
  }

  @FieldResolver(() => VoteDirection, { nullable: true, description: "The caller's vote on it, if any." })
  async myVote(@Root() answer: Answer, @Ctx() ctx: ContentContext): Promise<VoteDirection | null> {
    const value = await ctx.loaders.myVote.load(answer.id);
    return value === null ? null : value > 0 ? VoteDirection.UP : VoteDirection.DOWN;
  }

  private async withAccepted(ctx: ContentContext, row: Parameters<typeof toAnswer>[0]): Promise<Answer> {
    const question = await ctx.loaders.question.load(row.questionId);
    return toAnswer(row, question?.acceptedAnswerId ?? null);
  }
}

import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { deleteQuestion, updateQuestion } from "../domain/questions/edits.ts";
import { askQuestion, listQuestions, myQuestions, questionById } from "../domain/questions/questions.ts";
import { Answer, toAnswer } from "../model/answer.ts";
import { AskQuestionInput, UpdateQuestionInput } from "../model/question.inputs.ts";
import { Question, QuestionConnection, toQuestion, toQuestionConnection } from "../model/question.ts";

@Resolver(() => Question)
export class QuestionResolver {
  /** POST /qna/questions */
  @Authorized()
  @Mutation(() => Question, {
    description:
      "Asks a question: OPEN at once without a bounty; with `bountyPoints`, PENDING (you alone see it) until finance holds the points from your balance, then OPEN, or REJECTED with `rejectionReason` when you have too few. Text holding a listed word is saved with `moderation` PENDING_REVIEW: you and admins alone see it until an admin reviews it.",
  })
  async askQuestion(
    @Ctx() ctx: ContentContext,
    @Arg("input", () => AskQuestionInput) input: AskQuestionInput,
    @Arg("idempotencyKey", () => String, {
      nullable: true,
      description:
        "Required with a bounty; one per question you mean to ask (kept 24 h): a retry with it answers that question and holds nothing twice.",
    })
    idempotencyKey: string | null,
  ): Promise<Question> {
    return toQuestion(await askQuestion(ctx.deps, actorOf(ctx), input, idempotencyKey, new Date()));
  }

  @Authorized()
  @Mutation(() => Question, {
    description:
      "Changes your question's given fields (not once removed by a moderator). Screened again: a listed word holds it for review (`moderation` PENDING_REVIEW); an edit never releases a held one. Search follows at once.",
  })
  async updateQuestion(
    @Ctx() ctx: ContentContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateQuestionInput) input: UpdateQuestionInput,
  ): Promise<Question> {
    return toQuestion(await updateQuestion(ctx.deps.db, actorOf(ctx), id, input));
  }

  @Authorized()
  @Mutation(() => ID, {
    description:
      "Deletes a question with its answers (its asker or an admin); its id. A bounty not yet awarded goes back to the asker. CONFLICT for its asker once an answer was accepted.",
  })
  async deleteQuestion(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<string> {
    return deleteQuestion(ctx.deps, actorOf(ctx), id, new Date());
  }

  @Query(() => Question, {
    description:
      "A question: public ones for anyone; a PENDING or REJECTED one, or one held or removed by moderation, for its asker and admins (NOT_FOUND to others).",
  })
  async question(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Question> {
    return toQuestion(await questionById(ctx.deps.db, ctx.actor, id));
  }

  /** GET /qna/questions */
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => QuestionConnection, {
    description: "Public questions (OPEN or ANSWERED, not held or removed by moderation), newest first.",
  })
  async questions(
    @Ctx() ctx: ContentContext,
    @Arg("tag", () => String, { nullable: true, description: "Only questions with this tag." }) tag:
      | string
      | null,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<QuestionConnection> {
    return toQuestionConnection(await listQuestions(ctx.deps.db, { tag, first, after }));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => QuestionConnection, {
    description:
      "The caller's own questions, PENDING, REJECTED and held or removed ones included, newest first.",
  })
  async myQuestions(
    @Ctx() ctx: ContentContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<QuestionConnection> {
    return toQuestionConnection(await myQuestions(ctx.deps.db, actorOf(ctx), { first, after }));
  }

  @FieldResolver(() => [Answer], {
    description:
      "Published answers, plus your own held or removed ones (every one for an admin): the accepted answer first, then by score, then oldest first.",
  })
  async answers(@Root() question: Question, @Ctx() ctx: ContentContext): Promise<Answer[]> {
    const rows = await ctx.loaders.answers.load(question.row);
    return rows.map((row) => toAnswer(row, question.acceptedAnswerId));
  }
}

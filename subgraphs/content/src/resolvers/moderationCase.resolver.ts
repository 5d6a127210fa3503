import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { moderationQueue } from "../domain/moderation/cases.ts";
import { reviewCase } from "../domain/moderation/review.ts";
import { openReportsOf } from "../domain/posts/reports.ts";
import { Answer, toAnswer } from "../model/answer.ts";
import { Comment, toComment } from "../model/comment.ts";
import { Course, toCourse } from "../model/course.ts";
import { Lesson, toLesson } from "../model/lesson.ts";
import {
  ModerationCase,
  ModerationCaseConnection,
  PostReport,
  ReviewDecision,
  toModerationCase,
  toModerationCaseConnection,
} from "../model/moderation.ts";
import { Post, toPost } from "../model/post.ts";
import { Question, toQuestion } from "../model/question.ts";

/** The moderation queue and its review: admins only (no one chooses to be an admin; auth grants it). */
@Resolver(() => ModerationCase)
export class ModerationCaseResolver {
  @Authorized("admin")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ModerationCaseConnection, {
    description: "Items waiting for review (reported, or holding a listed word), oldest first.",
  })
  async moderationQueue(
    @Ctx() ctx: ContentContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ModerationCaseConnection> {
    return toModerationCaseConnection(await moderationQueue(ctx.deps.db, { first, after }));
  }

  @Authorized("admin")
  @Mutation(() => ModerationCase, { description: "Decides a case and takes it out of the queue." })
  async reviewModerationCase(
    @Ctx() ctx: ContentContext,
    @Arg("caseId", () => ID) caseId: string,
    @Arg("decision", () => ReviewDecision) decision: ReviewDecision,
    @Arg("reason", () => String, {
      nullable: true,
      description: "Required to REMOVE, 1–500 characters: shown to the author.",
    })
    reason: string | null,
  ): Promise<ModerationCase> {
    return toModerationCase(
      await reviewCase(ctx.deps.db, actorOf(ctx), caseId, decision, reason, new Date()),
    );
  }

  @FieldResolver(() => Post, { nullable: true, description: "The post (kind POST)." })
  async post(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<Post | null> {
    if (item.kind !== "POST") return null;
    const row = await ctx.loaders.post.load(item.targetId);
    return row ? toPost(row) : null;
  }

  @FieldResolver(() => Comment, { nullable: true, description: "The comment (kind COMMENT)." })
  async comment(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<Comment | null> {
    if (item.kind !== "COMMENT") return null;
    const row = await ctx.loaders.comment.load(item.targetId);
    return row ? toComment(row) : null;
  }

  @FieldResolver(() => Course, {
    nullable: true,
    description: "The course held at publication (kind COURSE).",
  })
  async course(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<Course | null> {
    if (item.kind !== "COURSE") return null;
    const row = await ctx.loaders.course.load(item.targetId);
    return row ? toCourse(row, ctx.actor) : null;
  }

  @FieldResolver(() => Lesson, {
    nullable: true,
    description: "The lesson held at publication (kind LESSON).",
  })
  async lesson(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<Lesson | null> {
    if (item.kind !== "LESSON") return null;
    const row = await ctx.loaders.lesson.load(item.targetId);
    return row ? toLesson(row.lesson, row.authorId) : null;
  }

  @FieldResolver(() => Question, { nullable: true, description: "The question (kind QUESTION)." })
  async question(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<Question | null> {
    if (item.kind !== "QUESTION") return null;
    const row = await ctx.loaders.question.load(item.targetId);
    return row ? toQuestion(row) : null;
  }

  @FieldResolver(() => Answer, { nullable: true, description: "The answer (kind ANSWER)." })
  async answer(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<Answer | null> {
    if (item.kind !== "ANSWER") return null;
    const row = await ctx.loaders.answer.load(item.targetId);
    if (!row) return null;
    const question = await ctx.loaders.question.load(row.questionId);
    return toAnswer(row, question?.acceptedAnswerId ?? null);
  }

  @FieldResolver(() => [PostReport], { description: "A post's reports since its last review (kind POST)." })
  async reports(@Root() item: ModerationCase, @Ctx() ctx: ContentContext): Promise<PostReport[]> {
    if (item.kind !== "POST") return [];
    const rows = await openReportsOf(ctx.deps.db, item.targetId);
    return rows.map((row) => ({
      reporter: { id: row.reporterId },
      reason: row.reason,
      createdAt: row.createdAt,
    }));
  }
}

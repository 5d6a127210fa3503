import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { newestFirstPage, type Page } from "@health/platform/pagination";
import {
  inIdempotentSagaTransaction,
  inSagaTransaction,
  type SagaContext,
  type SagaDefinition,
  startSaga,
} from "@health/platform/saga";
import type { ContentDb, ContentTx } from "../../db.ts";
import type { Question } from "../../generated/prisma/client.ts";
import { ModeratedKind, ModerationStatus, QuestionStatus } from "../../generated/prisma/enums.ts";
import { openCase } from "../moderation/cases.ts";
import { screen } from "../moderation/screen.ts";
import { CONTENT_PAGE_LIMITS } from "../pagination.ts";
import { statusOnCreate } from "../posts/rules.ts";
import type { QuestionBountyData } from "./bountySaga.ts";
import {
  type AskQuestionCommand,
  canViewQuestion,
  initialQuestionState,
  normalizeTag,
  validateNewQuestion,
} from "./rules.ts";
import { reindexQuestion } from "./search.ts";

export type QuestionRow = Question;

const PUBLIC_STATUSES = [QuestionStatus.OPEN, QuestionStatus.ANSWERED];

/** What asking needs: the database and the saga that has finance hold a bounty. */
export interface AskEffects {
  db: ContentDb;
  questionBounty: SagaDefinition<QuestionBountyData>;
}

/**
 * POST /qna/questions: a question, OPEN at once without a bounty; with one, PENDING (its asker alone
 * sees it) while finance holds the points (bountySaga.ts). Its title, body and tags are screened by the
 * word list: flagged, it is saved held PENDING_REVIEW (`moderation`) and queued for an admin, whatever
 * its bounty does meanwhile. Under the idempotency key when one is given (required with a bounty): a
 * retry answers the same question and holds nothing twice. Input is checked before anything is written.
 */
export async function askQuestion(
  effects: AskEffects,
  actor: Actor,
  input: AskQuestionCommand,
  idempotencyKey: string | null | undefined,
  now: Date,
): Promise<QuestionRow> {
  const question = validateNewQuestion(input, idempotencyKey);
  const write = async (tx: ContentTx, ctx: SagaContext) => {
    const screened = await screen(tx, question.title, question.body, ...question.tags);
    const created = await tx.question.create({
      data: {
        ...question,
        ...initialQuestionState(question.bountyPoints),
        moderation: statusOnCreate(screened.flagged),
        askerId: actor.userId,
        createdAt: now,
      },
    });
    if (screened.flagged) await openCase(tx, ModeratedKind.QUESTION, created.id, screened.words);
    await reindexQuestion(tx, created.id);
    if (question.bountyPoints !== null) {
      await startSaga(effects.questionBounty, ctx, created.id, {
        questionId: created.id,
        askerId: actor.userId,
        points: question.bountyPoints,
      });
    }
    return created.id;
  };
  const id = idempotencyKey
    ? await inIdempotentSagaTransaction(
        effects.db,
        { callerId: actor.userId, key: idempotencyKey, parameters: { operation: "askQuestion", question } },
        now,
        write,
        { field: "idempotencyKey" },
      )
    : await inSagaTransaction(effects.db, now, write);
  return effects.db.question.findUniqueOrThrow({ where: { id } });
}

/** One question, or NOT_FOUND when it does not exist or the caller may not see it. */
export async function questionById(db: ContentDb, actor: Actor | null, id: string, field = "id") {
  const questionId = uuidArg(id, field, "a question id");
  const question = await db.question.findUnique({ where: { id: questionId } });
  if (!question || !canViewQuestion(actor, question)) throw notFound("Question", questionId);
  return question;
}

/** Questions for `_entities` and the search results, in the order asked (null where none). */
export async function questionsByIds(db: ContentDb, ids: readonly string[]): Promise<(QuestionRow | null)[]> {
  const valid = ids.filter(isUuid);
  const rows = valid.length > 0 ? await db.question.findMany({ where: { id: { in: valid } } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** GET /qna/questions: listed questions (OPEN or ANSWERED, not held by moderation), with a tag if given, newest first. */
export async function listQuestions(
  db: ContentDb,
  args: { tag?: string | null; first?: number | null; after?: string | null },
): Promise<Page<QuestionRow>> {
  const tag = args.tag != null ? normalizeTag(args.tag, "tag") : null;
  return newestFirstPage(args, CONTENT_PAGE_LIMITS, ({ after, ...page }) =>
    db.question.findMany({
      where: {
        AND: [
          { status: { in: PUBLIC_STATUSES }, moderation: ModerationStatus.PUBLISHED },
          tag ? { tags: { has: tag } } : {},
          after,
        ],
      },
      ...page,
    }),
  );
}

/** The caller's own questions, pending, rejected and held or removed ones included, newest first. */
export async function myQuestions(
  db: ContentDb,
  actor: Actor,
  args: { first?: number | null; after?: string | null },
): Promise<Page<QuestionRow>> {
  return newestFirstPage(args, CONTENT_PAGE_LIMITS, ({ after, ...page }) =>
    db.question.findMany({ where: { AND: [{ askerId: actor.userId }, after] }, ...page }),
  );
}

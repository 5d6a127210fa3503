import type { SqlExecutor } from "@health/platform/events";
import { postgresSearchIndex, type SearchIndex } from "@health/platform/search";
import type { ContentTx } from "../../db.ts";
import { ModerationStatus } from "../../generated/prisma/enums.ts";
import { answersSearchText, isListedQuestion } from "./rules.ts";

/**
 * Questions' full-text index: title (A), body (B) and `answers_text` (C: the answers' bodies) into
 * `questions.search_vector`. Build it on the transaction client that writes the question or answer.
 */
export const questionSearchIndex = (client: SqlExecutor): SearchIndex =>
  postgresSearchIndex(client, {
    table: "questions",
    vector: "search_vector",
    fields: {
      title: { column: "title", weight: "A" },
      body: { column: "body", weight: "B" },
      answers: { column: "answers_text", weight: "C" },
    },
  });

/**
 * Rewrites a question's searchable answer text (its PUBLISHED answers only) and its vector, in `tx`: a
 * listed (OPEN or ANSWERED, PUBLISHED) question is findable; a PENDING or REJECTED one, or one held or
 * removed by moderation, is not (its vector is null, which no query matches).
 */
export async function reindexQuestion(tx: ContentTx, questionId: string): Promise<void> {
  const question = await tx.question.findUniqueOrThrow({
    where: { id: questionId },
    include: {
      answers: {
        where: { moderation: ModerationStatus.PUBLISHED },
        orderBy: [{ score: "desc" }, { createdAt: "asc" }],
        select: { body: true },
      },
    },
  });
  const index = questionSearchIndex(tx);
  if (!isListedQuestion(question)) {
    await index.remove(question.id);
    return;
  }
  const answersText = answersSearchText(question.answers.map((answer) => answer.body));
  await tx.question.update({ where: { id: questionId }, data: { answersText } });
  await index.index({
    id: question.id,
    fields: { title: question.title, body: question.body, answers: answersText },
  });
}

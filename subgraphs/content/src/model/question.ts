import { Connection, HighlightedText, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import type { Snippet } from "@health/platform/search";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { QuestionRow } from "../domain/questions/questions.ts";
import { BountyStatus, QuestionStatus } from "../generated/prisma/enums.ts";
import { ModerationStatus } from "./moderationStatus.ts";
import { User } from "./user.ts";

registerEnumType(QuestionStatus, {
  name: "QuestionStatus",
  description:
    "PENDING (its bounty is being held; its asker alone sees it), OPEN, ANSWERED (an answer accepted), REJECTED (its bounty could not be held; its asker alone sees it).",
});
registerEnumType(BountyStatus, {
  name: "BountyStatus",
  description:
    "REQUESTED of finance, HELD, PAID to the accepted answer's author, RETURNED to the asker, or REFUSED.",
});

@ObjectType({ description: "What a search matched in a question." })
export class QuestionHighlight {
  @Field(() => HighlightedText, { nullable: true })
  title!: Snippet | null;

  @Field(() => HighlightedText, { nullable: true })
  body!: Snippet | null;

  @Field(() => HighlightedText, { nullable: true, description: "In its answers." })
  answers!: Snippet | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A question in the Q&A (M12), perhaps with a bounty in points." })
export class Question {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  asker!: User;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => QuestionStatus)
  status!: QuestionStatus;

  @Field(() => String, { nullable: true, description: "Why it was REJECTED (its asker alone sees it)." })
  rejectionReason!: string | null;

  @Field(() => ModerationStatus, {
    description:
      "Apart from `status`: PENDING_REVIEW while an admin reviews the words it holds, REMOVED once taken down; either way its asker and admins alone see it.",
  })
  moderation!: ModerationStatus;

  @Field(() => String, { nullable: true, description: "Why a moderator REMOVED it (its asker sees it)." })
  removalReason!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Points for the accepted answer's author; null: no bounty.",
  })
  bountyPoints!: number | null;

  @Field(() => BountyStatus, { nullable: true })
  bountyStatus!: BountyStatus | null;

  @Field(() => Date, {
    nullable: true,
    description: "When a held bounty returns to the asker unless an answer is accepted.",
  })
  bountyExpiresAt!: Date | null;

  @Field(() => ID, { nullable: true })
  acceptedAnswerId!: string | null;

  @Field(() => QuestionHighlight, {
    nullable: true,
    description: "With `search`, what matched; null otherwise.",
  })
  highlight!: QuestionHighlight | null;

  @Field(() => Date)
  createdAt!: Date;

  /** The row, for `answers` (resolved through the per-request loader). */
  row!: QuestionRow;
}

export const toQuestion = (
  row: QuestionRow,
  snippets: Record<string, Snippet | null> | null = null,
): Question => ({
  id: row.id,
  asker: { id: row.askerId },
  title: row.title,
  body: row.body,
  tags: row.tags,
  status: row.status,
  rejectionReason: row.rejectionReason,
  moderation: row.moderation,
  removalReason: row.removalReason,
  bountyPoints: row.bountyPoints,
  bountyStatus: row.bountyStatus,
  bountyExpiresAt: row.bountyExpiresAt,
  acceptedAnswerId: row.acceptedAnswerId,
  highlight: snippets
    ? { title: snippets.title ?? null, body: snippets.body ?? null, answers: snippets.answers ?? null }
    : null,
  createdAt: row.createdAt,
  row,
});

@ObjectType()
export class QuestionConnection extends Connection(Question) {}

export const toQuestionConnection = (page: Page<QuestionRow>): QuestionConnection =>
  toConnection(page, (row) => toQuestion(row));

import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AnswerRow } from "../domain/questions/answers.ts";
import { ModerationStatus } from "./moderationStatus.ts";
import { User } from "./user.ts";

export enum VoteDirection {
  UP = "UP",
  DOWN = "DOWN",
}
registerEnumType(VoteDirection, { name: "VoteDirection", description: "An up or a down vote on an answer." });

@ObjectType({ description: "An answer to a question (M12)." })
export class Answer {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  questionId!: string;

  @Field(() => User)
  author!: User;

  @Field(() => String)
  body!: string;

  @Field(() => Int, { description: "Up votes minus down votes." })
  score!: number;

  @Field(() => Boolean, { description: "Whether the asker accepted it." })
  accepted!: boolean;

  @Field(() => ModerationStatus, {
    description:
      "PENDING_REVIEW while an admin reviews the words it holds, REMOVED once taken down; either way its author and admins alone see it.",
  })
  moderation!: ModerationStatus;

  @Field(() => String, { nullable: true, description: "Why a moderator REMOVED it (its author sees it)." })
  removalReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const toAnswer = (row: AnswerRow, acceptedAnswerId: string | null): Answer => ({
  id: row.id,
  questionId: row.questionId,
  author: { id: row.authorId },
  body: row.body,
  score: row.score,
  accepted: row.id === acceptedAnswerId,
  moderation: row.moderation,
  removalReason: row.removalReason,
  createdAt: row.createdAt,
});

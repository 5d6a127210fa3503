import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { ModerationCase as CaseRow, ModerationWord as WordRow } from "../generated/prisma/client.ts";
import { ModeratedKind } from "../generated/prisma/enums.ts";
import { User } from "./user.ts";

registerEnumType(ModeratedKind, { name: "ModeratedKind", description: "What a moderation case is about." });

export enum ReviewDecision {
  KEEP = "KEEP",
  REMOVE = "REMOVE",
}
registerEnumType(ReviewDecision, {
  name: "ReviewDecision",
  description:
    "KEEP: published (again), a post's reports closed. REMOVE: a post, comment, question or answer removed for good with the reason; a course or lesson sent back to DRAFT.",
});

@ObjectType({ description: "An item in the moderation queue, waiting for an admin's review." })
export class ModerationCase {
  @Field(() => ID)
  id!: string;

  @Field(() => ModeratedKind)
  kind!: ModeratedKind;

  @Field(() => ID, {
    description: "The post's, comment's, course's, lesson's, question's or answer's id (see `kind`).",
  })
  targetId!: string;

  @Field(() => [String], { description: "The listed words its text tripped; empty when reports queued it." })
  words!: string[];

  @Field(() => Date)
  openedAt!: Date;
}

export const toModerationCase = (row: CaseRow): ModerationCase => ({
  id: row.id,
  kind: row.kind,
  targetId: row.targetId,
  words: row.words,
  openedAt: row.createdAt,
});

@ObjectType()
export class ModerationCaseConnection extends Connection(ModerationCase) {}

export const toModerationCaseConnection = (page: Page<CaseRow>): ModerationCaseConnection =>
  toConnection(page, toModerationCase);

@ObjectType({ description: "A user's report of a post, open until an admin reviews the post." })
export class PostReport {
  @Field(() => User)
  reporter!: User;

  @Field(() => String)
  reason!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "A word on the moderation list: text holding it is hidden pending review." })
export class ModerationWord {
  @Field(() => String, { description: "Normalised: full-width forms folded, lowercased, trimmed." })
  word!: string;

  @Field(() => Date)
  createdAt!: Date;
}

export const toModerationWord = (row: WordRow): ModerationWord => ({
  word: row.word,
  createdAt: row.createdAt,
});

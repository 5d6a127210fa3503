import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { TaskUpdate } from "../domain/generation/updates.ts";
import type { GenerationTask as GenerationTaskRow } from "../generated/prisma/client.ts";

export const GenerationKind = {
  COURSE_OUTLINE: "COURSE_OUTLINE",
  POST_DRAFT: "POST_DRAFT",
  CONSULT_REPLY: "CONSULT_REPLY",
} as const;
export type GenerationKind = (typeof GenerationKind)[keyof typeof GenerationKind];

export const GenerationStatus = {
  QUEUED: "QUEUED",
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  CANCELLED: "CANCELLED",
} as const;
export type GenerationStatus = (typeof GenerationStatus)[keyof typeof GenerationStatus];

export const ConsultSpeaker = { CUSTOMER: "CUSTOMER", COACH: "COACH" } as const;
export type ConsultSpeaker = (typeof ConsultSpeaker)[keyof typeof ConsultSpeaker];

registerEnumType(GenerationKind, {
  name: "GenerationKind",
  description:
    "COURSE_OUTLINE and POST_DRAFT (for content), CONSULT_REPLY (a suggested reply in a consultation, for biz); all a coach's.",
});
registerEnumType(GenerationStatus, {
  name: "GenerationStatus",
  description:
    "QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED; a retryable provider failure puts a RUNNING task back to QUEUED.",
});
registerEnumType(ConsultSpeaker, { name: "ConsultSpeaker" });

@InputType({ description: "One message of the consultation, pasted by the coach." })
export class ConsultMessageInput {
  @Field(() => ConsultSpeaker)
  from!: ConsultSpeaker;

  @Field(() => String, { description: "1–2000 characters." })
  text!: string;
}

@InputType({
  description: "What to generate; the fields a kind needs are named in each field's description.",
})
export class StartGenerationTaskInput {
  @Field(() => GenerationKind)
  kind!: GenerationKind;

  @Field(() => String, {
    nullable: true,
    description: "COURSE_OUTLINE, POST_DRAFT (required): 1–200 characters.",
  })
  topic?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "COURSE_OUTLINE: who the course is for, up to 200 characters.",
  })
  audience?: string | null;

  @Field(() => Int, { nullable: true, description: "COURSE_OUTLINE: 1–20 lessons; 6 when omitted." })
  lessonCount?: number | null;

  @Field(() => String, { nullable: true, description: "POST_DRAFT: the tone, up to 50 characters." })
  tone?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "CONSULT_REPLY (required): the consultation's service order.",
  })
  orderId?: string | null;

  @Field(() => [ConsultMessageInput], {
    nullable: true,
    description: "CONSULT_REPLY (required): the last 1–20 messages of the consultation, oldest first.",
  })
  messages?: ConsultMessageInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Up to 100 characters: the same key from the same caller returns the task it first made.",
  })
  idempotencyKey?: string | null;
}

@ObjectType({
  description: "An asynchronous generation task (M16 generation_tasks); its owner and admins see it.",
})
export class GenerationTask {
  @Field(() => ID)
  id!: string;

  @Field(() => GenerationKind)
  kind!: GenerationKind;

  @Field(() => GenerationStatus)
  status!: GenerationStatus;

  @Field(() => Int, { description: "Provider calls made so far (a retry is one more)." })
  attempts!: number;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed, in words safe to show." })
  lastError!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Who wrote the text: openai-compatible or local-template.",
  })
  provider!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The model that wrote it (template-v1 for the local provider).",
  })
  model!: string | null;

  @Field(() => String, { description: "The prompt template and its version, e.g. course-outline@1." })
  promptVersion!: string;

  @Field(() => String, { description: "The text so far (all of it once SUCCEEDED)." })
  output!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

@ObjectType()
export class GenerationTaskConnection extends Connection(GenerationTask) {}

@ObjectType({
  description:
    "One update of a task: a status change (with `text`, the whole text so far), or a piece of text (`delta` at `offset`). The first update is the state when you joined. A change back to QUEUED (a retry) starts the text over.",
})
export class GenerationTaskUpdate {
  @Field(() => ID)
  taskId!: string;

  @Field(() => GenerationStatus)
  status!: GenerationStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => String, { nullable: true })
  provider!: string | null;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String)
  promptVersion!: string;

  @Field(() => String, { nullable: true, description: "The text this update adds; null on a status update." })
  delta!: string | null;

  @Field(() => Int, { nullable: true, description: "Where `delta` starts in the text." })
  offset!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "The whole text so far, on a status update; null on a delta.",
  })
  text!: string | null;
}

export const toGenerationTask = (row: GenerationTaskRow): GenerationTask => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  attempts: row.attempts,
  lastError: row.lastError,
  provider: row.provider,
  model: row.model,
  promptVersion: row.promptVersion,
  output: row.output,
  createdAt: row.createdAt,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

export const toGenerationTaskConnection = (page: Page<GenerationTaskRow>): GenerationTaskConnection =>
  toConnection(page, toGenerationTask);

export const toGenerationTaskUpdate = ({ task, delta, offset, text }: TaskUpdate): GenerationTaskUpdate => ({
  taskId: task.id,
  status: task.status,
  attempts: task.attempts,
  lastError: task.lastError,
  provider: task.provider,
  model: task.model,
  promptVersion: task.promptVersion,
  delta,
  offset,
  text,
});

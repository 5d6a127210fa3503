import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { AiContext } from "../context.ts";
import {
  cancelGenerationTask,
  findGenerationTask,
  myGenerationTasks,
  openTaskUpdates,
  startGenerationTask,
} from "../domain/generation/tasks.ts";
import type { TaskUpdate } from "../domain/generation/updates.ts";
import {
  GenerationTask,
  GenerationTaskConnection,
  GenerationTaskUpdate,
  StartGenerationTaskInput,
  toGenerationTask,
  toGenerationTaskConnection,
  toGenerationTaskUpdate,
} from "../model/generationTask.ts";

interface SubscribeData<TArgs> {
  args: TArgs;
  context: AiContext;
}

@Resolver(() => GenerationTask)
export class GenerationTaskResolver {
  /** POST /ai/content/generate (COURSE_OUTLINE, POST_DRAFT) and POST /ai/consult/assist (CONSULT_REPLY). */
  @Authorized()
  @Mutation(() => GenerationTask, {
    description:
      "A coach queues a generation task (QUEUED); follow it with generationTaskUpdated(id). Bad input is BAD_USER_INPUT naming the field; a caller without the coach role is FORBIDDEN.",
  })
  async startGenerationTask(
    @Ctx() ctx: AiContext,
    @Arg("input", () => StartGenerationTaskInput) input: StartGenerationTaskInput,
  ): Promise<GenerationTask> {
    const { idempotencyKey, ...raw } = input;
    return toGenerationTask(await startGenerationTask(ctx.deps, actorOf(ctx), raw, idempotencyKey ?? null));
  }

  @Authorized()
  @Query(() => GenerationTask, {
    description: "A task of the caller's (an admin: anyone's); otherwise NOT_FOUND.",
  })
  async generationTask(@Ctx() ctx: AiContext, @Arg("id", () => ID) id: string): Promise<GenerationTask> {
    return toGenerationTask(await findGenerationTask(ctx.deps, actorOf(ctx), id));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => GenerationTaskConnection, { description: "The caller's generation tasks, newest first." })
  async myGenerationTasks(
    @Ctx() ctx: AiContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<GenerationTaskConnection> {
    return toGenerationTaskConnection(await myGenerationTasks(ctx.deps, actorOf(ctx), { first, after }));
  }

  @Authorized()
  @Mutation(() => GenerationTask, {
    description:
      "The owner cancels a QUEUED or RUNNING task (a running provider call is aborted); CONFLICT when it is already final, NOT_FOUND when it is not the caller's.",
  })
  async cancelGenerationTask(
    @Ctx() ctx: AiContext,
    @Arg("id", () => ID) id: string,
  ): Promise<GenerationTask> {
    return toGenerationTask(await cancelGenerationTask(ctx.deps, actorOf(ctx), id));
  }

  @Authorized()
  @Subscription(() => GenerationTaskUpdate, {
    subscribe: async ({ args, context }: SubscribeData<{ id: string }>) =>
      openTaskUpdates(context.deps, actorOf(context), args.id),
    description:
      "The owner's task as it runs: first its state now (with the text so far), then every status change and piece of text; the stream ends after SUCCEEDED, FAILED or CANCELLED. Not the caller's: NOT_FOUND.",
  })
  generationTaskUpdated(@Root() update: TaskUpdate, @Arg("id", () => ID) _id: string): GenerationTaskUpdate {
    return toGenerationTaskUpdate(update);
  }
}

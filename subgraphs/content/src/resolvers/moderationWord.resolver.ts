import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { addWord, listWords, removeWord } from "../domain/moderation/wordList.ts";
import { ModerationWord, toModerationWord } from "../model/moderation.ts";

/** The moderation word list: admins only. */
@Resolver(() => ModerationWord)
export class ModerationWordResolver {
  @Authorized("admin")
  @Query(() => [ModerationWord], { description: "The listed words, in order." })
  async moderationWords(@Ctx() ctx: ContentContext): Promise<ModerationWord[]> {
    return (await listWords(ctx.deps.db)).map(toModerationWord);
  }

  @Authorized("admin")
  @Mutation(() => ModerationWord, {
    description:
      "Lists a word (1–50 characters; any case, Chinese inside a sentence too): posts, comments and course or lesson publications holding it are hidden pending review from now on.",
  })
  async addModerationWord(
    @Ctx() ctx: ContentContext,
    @Arg("word", () => String) word: string,
  ): Promise<ModerationWord> {
    return toModerationWord(await addWord(ctx.deps.db, actorOf(ctx), word));
  }

  @Authorized("admin")
  @Mutation(() => String, {
    description: "Unlists a word (NOT_FOUND when it is not listed); the word removed.",
  })
  async removeModerationWord(
    @Ctx() ctx: ContentContext,
    @Arg("word", () => String) word: string,
  ): Promise<string> {
    return removeWord(ctx.deps.db, actorOf(ctx), word);
  }
}

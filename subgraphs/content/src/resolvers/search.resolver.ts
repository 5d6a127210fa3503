import { assertNever } from "@health/platform/errors";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { type ContentHit, searchContent } from "../domain/search.ts";
import { type Course, toCourse } from "../model/course.ts";
import { type Post, toPost } from "../model/post.ts";
import { type Question, toQuestion } from "../model/question.ts";
import { SearchResultConnection } from "../model/search.ts";

@Resolver()
export class SearchResolver {
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => SearchResultConnection, {
    description:
      "Full-text search (Chinese or English) over published courses (titles, summaries, lessons' titles and preview lessons' bodies) published posts (titles, bodies) and public questions (titles, bodies, answers); most relevant first, each with its highlight.",
  })
  async search(
    @Ctx() ctx: ContentContext,
    @Arg("query", () => String, { description: "Words to find, all of them; 1–200 characters." })
    query: string,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<SearchResultConnection> {
    const page = await searchContent(ctx.deps.db, query, { first, after, queryField: "query" });
    const toItem = (hit: ContentHit): Course | Post | Question => {
      switch (hit.kind) {
        case "course":
          return toCourse(hit.course, ctx.actor, hit.snippets);
        case "post":
          return toPost(hit.post, hit.snippets);
        case "question":
          return toQuestion(hit.question, hit.snippets);
        default:
          return assertNever(hit);
      }
    };
    return {
      nodes: page.nodes.map((hit) => ({ score: hit.score, item: toItem(hit) })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }
}

import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { searchCourses } from "../domain/courses/courses.ts";
import { toCourse } from "../model/course.ts";
import { SearchResultConnection } from "../model/search.ts";

@Resolver()
export class SearchResolver {
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => SearchResultConnection, {
    description:
      "Full-text search (Chinese or English) over published courses: titles, summaries, lessons' titles and preview lessons' bodies; most relevant first, each with its highlight.",
  })
  async search(
    @Ctx() ctx: ContentContext,
    @Arg("query", () => String, { description: "Words to find, all of them; 1–200 characters." })
    query: string,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<SearchResultConnection> {
    const page = await searchCourses(ctx.deps.db, query, { first, after, queryField: "query" });
    return {
      nodes: page.nodes.map(({ score, course, snippets }) => ({
        score: score ?? 0,
        item: toCourse(course, ctx.actor, snippets ?? null),
      })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  }
}

import type { Actor } from "@health/platform/auth";
import { Connection, HighlightedText, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import type { Snippet } from "@health/platform/search";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { CourseListItem, CourseRow } from "../domain/courses/courses.ts";
import { visibleLessons } from "../domain/courses/rules.ts";
import { PublicationStatus } from "../generated/prisma/enums.ts";
import { Lesson, toLesson } from "./lesson.ts";
import { User } from "./user.ts";

registerEnumType(PublicationStatus, {
  name: "PublicationStatus",
  description: "DRAFT (its author and admins only) or PUBLISHED (everyone).",
});

@ObjectType({ description: "What a course search matched in the course." })
export class CourseHighlight {
  @Field(() => HighlightedText, { nullable: true })
  title!: Snippet | null;

  @Field(() => HighlightedText, { nullable: true })
  summary!: Snippet | null;

  @Field(() => HighlightedText, {
    nullable: true,
    description: "In the published lessons' titles and the preview lessons' bodies (never a paid body).",
  })
  lessons!: Snippet | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A coach's course (M06): lessons, free previews or paid, sold through finance." })
export class Course {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  author!: User;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY); 0 is free." })
  priceAmount!: number;

  @Field(() => String)
  currency!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => PublicationStatus)
  status!: PublicationStatus;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => [Lesson], {
    description: "In order: the published ones, or all of them for its author and admins.",
  })
  lessons!: Lesson[];

  @Field(() => CourseHighlight, {
    nullable: true,
    description: "With `courses(search:)` or `search`, what matched; null otherwise.",
  })
  highlight!: CourseHighlight | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

/** A course as `actor` sees it: drafts' lessons only for its editors. */
export const toCourse = (
  row: CourseRow,
  actor: Actor | null,
  snippets: Record<string, Snippet | null> | null = null,
): Course => ({
  id: row.id,
  author: { id: row.authorId },
  title: row.title,
  summary: row.summary,
  priceAmount: row.priceAmount,
  currency: row.currency,
  tags: row.tags,
  status: row.status,
  publishedAt: row.publishedAt,
  lessons: visibleLessons(actor, row, row.lessons).map((lesson) => toLesson(lesson, row.authorId)),
  highlight: snippets
    ? { title: snippets.title ?? null, summary: snippets.summary ?? null, lessons: snippets.lessons ?? null }
    : null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

@ObjectType()
export class CourseConnection extends Connection(Course) {}

export const toCourseConnection = (page: Page<CourseListItem>, actor: Actor | null): CourseConnection =>
  toConnection(page, ({ course, snippets }) => toCourse(course, actor, snippets ?? null));

export const toCourseRowConnection = (page: Page<CourseRow>, actor: Actor | null): CourseConnection =>
  toConnection(page, (course) => toCourse(course, actor));

import { Field, ID, Int, ObjectType } from "type-graphql";
import type { LessonRow } from "../domain/courses/courses.ts";
import { PublicationStatus } from "../generated/prisma/enums.ts";

@ObjectType({
  description:
    "A lesson of a course: a free preview, or paid. Its `body` is for the course's buyers, its author and admins (and everyone for a preview); anyone else gets FORBIDDEN on `body` while the rest shows.",
})
export class Lesson {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int, { description: "Its order in the course, unique in it." })
  position!: number;

  @Field(() => Boolean, { description: "A free preview: its body is for everyone." })
  preview!: boolean;

  @Field(() => PublicationStatus)
  status!: PublicationStatus;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  // Not fields: what the `body` field resolver decides with (lesson.resolver.ts).
  courseId!: string;
  courseAuthorId!: string;
  bodyText!: string;
}

export const toLesson = (row: LessonRow, courseAuthorId: string): Lesson => ({
  id: row.id,
  title: row.title,
  position: row.position,
  preview: row.preview,
  status: row.status,
  publishedAt: row.publishedAt,
  courseId: row.courseId,
  courseAuthorId,
  bodyText: row.body,
});

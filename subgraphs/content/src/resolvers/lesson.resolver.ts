import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { lessonBody } from "../domain/courses/rules.ts";
import { Lesson } from "../model/lesson.ts";

@Resolver(() => Lesson)
export class LessonResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "A preview's for everyone; a paid lesson's for the course's buyers, its author and admins: anyone else gets null with FORBIDDEN on this field.",
  })
  async body(@Root() lesson: Lesson, @Ctx() ctx: ContentContext): Promise<string> {
    return lessonBody(ctx.actor, lesson, (courseId) => ctx.loaders.owned.load(courseId));
  }
}

import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { ContentContext } from "../context.ts";
import {
  addLesson,
  courseById,
  createCourse,
  listCourses,
  myCourses,
  setCourseStatus,
  setLessonStatus,
  updateCourse,
  updateLesson,
} from "../domain/courses/courses.ts";
import {
  AddLessonInput,
  CreateCourseInput,
  UpdateCourseInput,
  UpdateLessonInput,
} from "../model/course.inputs.ts";
import {
  Course,
  CourseConnection,
  toCourse,
  toCourseConnection,
  toCourseRowConnection,
} from "../model/course.ts";
import { Lesson, toLesson } from "../model/lesson.ts";

@Resolver(() => Course)
export class CourseResolver {
  /** GET /contents/courses */
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => CourseConnection, {
    description:
      "Published courses (anyone): newest first, with a `tag` if given; or with `search` (Chinese or English) most relevant first, each with its `highlight`.",
  })
  async courses(
    @Ctx() ctx: ContentContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("search", () => String, {
      nullable: true,
      description: "Words to find, all of them; 1–200 characters.",
    })
    search: string | null,
    @Arg("tag", () => String, { nullable: true, description: "Not with `search`." }) tag: string | null,
  ): Promise<CourseConnection> {
    return toCourseConnection(await listCourses(ctx.deps.db, { first, after, search, tag }), ctx.actor);
  }

  @Query(() => Course, { description: "A published course (anyone), or a draft (its author, admins)." })
  async course(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Course> {
    return toCourse(await courseById(ctx.deps.db, ctx.actor, id), ctx.actor);
  }

  @Authorized()
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => CourseConnection, { description: "The caller's own courses, drafts included, newest first." })
  async myCourses(
    @Ctx() ctx: ContentContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<CourseConnection> {
    const actor = actorOf(ctx);
    return toCourseRowConnection(await myCourses(ctx.deps.db, actor, { first, after }), actor);
  }

  @Authorized("coach")
  @Mutation(() => Course, { description: "A coach's new course, a DRAFT until published." })
  async createCourse(
    @Ctx() ctx: ContentContext,
    @Arg("input", () => CreateCourseInput) input: CreateCourseInput,
  ): Promise<Course> {
    const actor = actorOf(ctx);
    return toCourse(await createCourse(ctx.deps.db, actor, input), actor);
  }

  @Authorized()
  @Mutation(() => Course, { description: "Changes a course's given fields (its author or an admin)." })
  async updateCourse(
    @Ctx() ctx: ContentContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateCourseInput) input: UpdateCourseInput,
  ): Promise<Course> {
    const actor = actorOf(ctx);
    return toCourse(await updateCourse(ctx.deps.db, actor, id, input), actor);
  }

  @Authorized()
  @Mutation(() => Course, {
    description: "DRAFT → PUBLISHED: listed, searchable, for sale (content_published).",
  })
  async publishCourse(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Course> {
    const actor = actorOf(ctx);
    return toCourse(await setCourseStatus(ctx.deps.db, actor, id, "PUBLISHED", new Date()), actor);
  }

  @Authorized()
  @Mutation(() => Course, { description: "PUBLISHED → DRAFT: off the lists; its buyers keep it." })
  async unpublishCourse(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Course> {
    const actor = actorOf(ctx);
    return toCourse(await setCourseStatus(ctx.deps.db, actor, id, "DRAFT", new Date()), actor);
  }

  @Authorized()
  @Mutation(() => Lesson, { description: "Adds a DRAFT lesson to a course (its author or an admin)." })
  async addLesson(
    @Ctx() ctx: ContentContext,
    @Arg("courseId", () => ID) courseId: string,
    @Arg("input", () => AddLessonInput) input: AddLessonInput,
  ): Promise<Lesson> {
    const actor = actorOf(ctx);
    const { lesson, authorId } = await addLesson(ctx.deps.db, actor, courseId, input);
    return toLesson(lesson, authorId);
  }

  @Authorized()
  @Mutation(() => Lesson, {
    description: "Changes a lesson's given fields (the course's author or an admin).",
  })
  async updateLesson(
    @Ctx() ctx: ContentContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLessonInput) input: UpdateLessonInput,
  ): Promise<Lesson> {
    const actor = actorOf(ctx);
    const { lesson, authorId } = await updateLesson(ctx.deps.db, actor, id, input);
    return toLesson(lesson, authorId);
  }

  @Authorized()
  @Mutation(() => Lesson, {
    description: "Publishes a lesson (content_published); shown once its course is.",
  })
  async publishLesson(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Lesson> {
    const actor = actorOf(ctx);
    const { lesson, authorId } = await setLessonStatus(ctx.deps.db, actor, id, "PUBLISHED", new Date());
    return toLesson(lesson, authorId);
  }

  @Authorized()
  @Mutation(() => Lesson, { description: "Takes a lesson back to DRAFT." })
  async unpublishLesson(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Lesson> {
    const actor = actorOf(ctx);
    const { lesson, authorId } = await setLessonStatus(ctx.deps.db, actor, id, "DRAFT", new Date());
    return toLesson(lesson, authorId);
  }
}

import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { ContentDeps } from "./deps.ts";
import { type ContentLoaders, createContentLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { AnswerResolver } from "./resolvers/answer.resolver.ts";
import { CommentResolver } from "./resolvers/comment.resolver.ts";
import { resolveCourseReference } from "./resolvers/course.reference.ts";
import { CourseResolver } from "./resolvers/course.resolver.ts";
import { CoursePurchaseResolver } from "./resolvers/coursePurchase.resolver.ts";
import { LessonResolver } from "./resolvers/lesson.resolver.ts";
import { ModerationCaseResolver } from "./resolvers/moderationCase.resolver.ts";
import { ModerationWordResolver } from "./resolvers/moderationWord.resolver.ts";
import { resolvePostReference } from "./resolvers/post.reference.ts";
import { PostResolver } from "./resolvers/post.resolver.ts";
import { resolveQuestionReference } from "./resolvers/question.reference.ts";
import { QuestionResolver } from "./resolvers/question.resolver.ts";
import { SearchResolver } from "./resolvers/search.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/**
 * M06 (paid courses): courses and lessons, their purchase through finance; M11 (community): posts,
 * comments, likes, reports; moderation (a word list, a review queue); M12: questions and answers, bounties
 * held by finance; search over courses, posts and questions.
 */
export const contentSubgraph = defineSubgraph<ContentDeps, ContentLoaders>({
  name: "content",
  resolvers: [
    CourseResolver,
    LessonResolver,
    CoursePurchaseResolver,
    PostResolver,
    CommentResolver,
    ModerationCaseResolver,
    ModerationWordResolver,
    QuestionResolver,
    AnswerResolver,
    SearchResolver,
    UserResolver,
  ],
  orphanedTypes: [User],
  references: {
    Course: resolveCourseReference,
    Post: resolvePostReference,
    Question: resolveQuestionReference,
  },
  createLoaders: createContentLoaders,
  readiness: infrastructureChecks,
});

import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { ContentDeps } from "./deps.ts";
import { type ContentLoaders, createContentLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { resolveCourseReference } from "./resolvers/course.reference.ts";
import { CourseResolver } from "./resolvers/course.resolver.ts";
import { CoursePurchaseResolver } from "./resolvers/coursePurchase.resolver.ts";
import { LessonResolver } from "./resolvers/lesson.resolver.ts";
import { SearchResolver } from "./resolvers/search.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M06 (paid courses): courses and lessons, their purchase through finance, and search over them. */
export const contentSubgraph = defineSubgraph<ContentDeps, ContentLoaders>({
  name: "content",
  resolvers: [CourseResolver, LessonResolver, CoursePurchaseResolver, SearchResolver, UserResolver],
  orphanedTypes: [User],
  references: { Course: resolveCourseReference },
  createLoaders: createContentLoaders,
  readiness: infrastructureChecks,
});

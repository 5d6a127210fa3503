import type { Actor } from "@health/platform/auth";
import DataLoader from "dataloader";
import type { ContentDeps } from "./deps.ts";
import { type CourseRow, coursesByIds } from "./domain/courses/courses.ts";
import { ownedCourses } from "./domain/purchases/purchases.ts";

/** Per-request loaders: courses for `_entities`, and which courses the caller owns (lesson bodies). */
export interface ContentLoaders {
  course: DataLoader<string, CourseRow | null>;
  owned: DataLoader<string, boolean>;
}

export const createContentLoaders = (deps: ContentDeps, actor: Actor | null): ContentLoaders => ({
  course: new DataLoader((ids: readonly string[]) => coursesByIds(deps.db, ids)),
  owned: new DataLoader(async (courseIds: readonly string[]) =>
    actor ? ownedCourses(deps.db, actor.userId, courseIds) : courseIds.map(() => false),
  ),
});

import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { BizDeps } from "./deps.ts";
import { type BizLoaders, createBizLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { ChatMemberResolver } from "./resolvers/chatMember.resolver.ts";
import { ChatMessageResolver } from "./resolvers/chatMessage.resolver.ts";
import { CommunityResolver } from "./resolvers/community.resolver.ts";
import { CommunityMembershipResolver } from "./resolvers/communityMembership.resolver.ts";
import { LiveStreamResolver } from "./resolvers/liveStream.resolver.ts";
import { LiveStreamChatResolver } from "./resolvers/liveStreamChat.resolver.ts";
import { PerformanceReportResolver } from "./resolvers/performanceReport.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";
import { WorkbenchResolver } from "./resolvers/workbench.resolver.ts";

/**
 * M03 (the workbench made from other subgraphs' events, performance reports), M07 (live streams and
 * their chat) and M08 (community groups, paid ones through finance).
 */
export const bizSubgraph = defineSubgraph<BizDeps, BizLoaders>({
  name: "biz",
  resolvers: [
    WorkbenchResolver,
    PerformanceReportResolver,
    LiveStreamResolver,
    CommunityResolver,
    CommunityMembershipResolver,
    LiveStreamChatResolver,
    ChatMessageResolver,
    ChatMemberResolver,
    UserResolver,
  ],
  orphanedTypes: [User],
  createLoaders: createBizLoaders,
  readiness: infrastructureChecks,
});

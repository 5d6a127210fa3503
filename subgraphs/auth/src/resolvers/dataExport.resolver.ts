import { actorOf } from "@health/platform/auth";
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import type { AuthContext } from "../context.ts";
import { DataExport, DataExportDownload, toDataExport } from "../model/dataExport.ts";
import { mintDownloadLink } from "../privacy/export/downloadLink.ts";
import type { DataExportState } from "../privacy/export/exportState.ts";
import { findDataExport, myDataExports, openExportUpdates } from "../privacy/export/readExports.ts";
import { requestDataExport } from "../privacy/export/requestExport.ts";

interface SubscribeData<TArgs> {
  args: TArgs;
  context: AuthContext;
}

@Resolver(() => DataExport)
export class DataExportResolver {
  @Authorized()
  @Mutation(() => DataExport, {
    description:
      "Starts a copy of everything the platform holds about a person (default: the caller; an admin may name anyone, which is audited). Follow it with dataExportUpdated(id). One export per person is in progress at a time: while one is REQUESTED, asking again returns that one. At most DATA_EXPORT_MAX_PER_DAY (5) new exports a day per person: RATE_LIMITED (extensions.retryAfterSeconds). Someone else's, not an admin: FORBIDDEN; an unknown person: NOT_FOUND.",
  })
  async requestDataExport(
    @Ctx() ctx: AuthContext,
    @Arg("userId", () => ID, { nullable: true, description: "Whose data; the caller's when omitted." })
    userId: string | null,
  ): Promise<DataExport> {
    return toDataExport(await requestDataExport(ctx.deps, actorOf(ctx), userId ?? null));
  }

  @Authorized()
  @Query(() => DataExport, {
    description: "An export of the caller's (an admin: anyone's); otherwise NOT_FOUND.",
  })
  async dataExport(@Ctx() ctx: AuthContext, @Arg("id", () => ID) id: string): Promise<DataExport> {
    return toDataExport(await findDataExport(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized()
  @Query(() => [DataExport], { description: "The caller's own exports, newest first (the last 20)." })
  async myDataExports(@Ctx() ctx: AuthContext): Promise<DataExport[]> {
    return (await myDataExports(ctx.deps.db, actorOf(ctx))).map(toDataExport);
  }

  @FieldResolver(() => DataExportDownload, {
    nullable: true,
    description:
      "A fresh signed link to the archive, for the export's owner only and only while READY (null for an admin who requested it, and before or after). It expires in DATA_EXPORT_LINK_TTL_SECONDS (10 min) and is bound to its owner: the download also needs their own access token.",
  })
  async download(
    @Ctx() ctx: AuthContext,
    @Root() dataExport: DataExport,
  ): Promise<DataExportDownload | null> {
    const live = dataExport.status === "READY" && (dataExport.expiresAt?.getTime() ?? 0) > Date.now();
    if (!live || ctx.actor?.userId !== dataExport.userId) return null;
    return mintDownloadLink(ctx.deps, { userId: dataExport.userId, exportId: dataExport.id });
  }

  @Authorized()
  @Subscription(() => DataExport, {
    subscribe: async ({ args, context }: SubscribeData<{ id: string }>) =>
      openExportUpdates(context.deps, actorOf(context), args.id),
    description:
      "An export as it progresses (its owner or an admin; otherwise NOT_FOUND): first its state now, then every change (a subgraph's part in, READY, EXPIRED).",
  })
  dataExportUpdated(@Root() state: DataExportState, @Arg("id", () => ID) _id: string): DataExport {
    return toDataExport(state);
  }
}

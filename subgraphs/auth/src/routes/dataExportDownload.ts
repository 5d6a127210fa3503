import { bearerToken } from "@health/platform/auth";
import { sha256Hex } from "@health/platform/privacy";
import { type Response, Router } from "express";
import type { AuthDeps } from "../deps.ts";
import { introspectToken } from "../domain/tokenIntrospection.ts";
import { verifyDownloadLink } from "../privacy/export/downloadLink.ts";

type Refusal = { status: 401 | 403 | 404 | 410; code: string; message: string };

const refuse = (res: Response, { status, code, message }: Refusal): void => {
  res.status(status).setHeader("cache-control", "no-store").json({ error: { code, message } });
};

/**
 * `GET /data-exports/:id/archive?token=<link>`: an export's archive, to its owner only. Router-signed
 * like /graphql (the router forwards it from the public port). Both the link's token (auth's signature,
 * the link audience, not expired, for this export) and the caller's own access token are required, and
 * they must name the same person, the export's owner: a leaked link is useless without the owner's
 * session, and the owner's session opens no export without a fresh link.
 */
export function dataExportDownloadRoutes(deps: AuthDeps): Router {
  const router = Router();
  router.get("/data-exports/:id/archive", async (req, res, next) => {
    try {
      const refusal = await checkDownload(deps, req.params.id, req.query.token, req.header("authorization"));
      if ("status" in refusal) return refuse(res, refusal);
      const archive = await deps.exports.get(refusal.archiveObject);
      if (!archive)
        return refuse(res, {
          status: 410,
          code: "EXPORT_EXPIRED",
          message: "This export's archive has been deleted; request a new export.",
        });
      // Every subgraph may write to the export store (its own part), so auth hands out only the bytes
      // it assembled: the checksum it recorded then.
      if (sha256Hex(archive) !== refusal.archiveSha256)
        return refuse(res, {
          status: 410,
          code: "EXPORT_DAMAGED",
          message: "This export's archive does not match what was assembled; request a new export.",
        });
      res
        .status(200)
        .setHeader("content-type", "application/gzip")
        .setHeader("content-length", String(archive.byteLength))
        .setHeader("content-disposition", `attachment; filename="health-data-export-${req.params.id}.tar.gz"`)
        .setHeader("cache-control", "no-store")
        .end(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** What refuses a download, in the order a caller can fix it; else the archive's object name and checksum. */
async function checkDownload(
  deps: AuthDeps,
  exportId: string,
  linkToken: unknown,
  authorization: string | undefined,
): Promise<Refusal | { archiveObject: string; archiveSha256: string | null }> {
  const accessToken = bearerToken(authorization);
  if (!accessToken)
    return {
      status: 401,
      code: "UNAUTHENTICATED",
      message: "Send your own access token as `Authorization: Bearer <token>` with the download link.",
    };
  const caller = await introspectToken(deps, accessToken);
  if (!caller.valid)
    return {
      status: 401,
      code: "UNAUTHENTICATED",
      message: `Your access token is not valid (${caller.reason}): sign in again and read the export for a fresh link.`,
    };
  if (typeof linkToken !== "string" || linkToken.length === 0)
    return {
      status: 403,
      code: "FORBIDDEN",
      message: "The download link has no token: use the link as given.",
    };
  const link = await verifyDownloadLink(deps, linkToken);
  if (!link.valid)
    return link.reason === "EXPIRED"
      ? {
          status: 410,
          code: "LINK_EXPIRED",
          message: "This download link has expired: read the export again (dataExport) for a fresh one.",
        }
      : { status: 403, code: "FORBIDDEN", message: "This download link is not valid." };
  if (link.exportId !== exportId || link.userId !== caller.userId)
    return {
      status: 403,
      code: "FORBIDDEN",
      message: "This download link is for another export or another person: only its owner may use it.",
    };
  const row = await deps.db.dataExport.findUnique({
    where: { id: link.exportId },
    select: { userId: true, status: true, archiveObject: true, archiveSha256: true, expiresAt: true },
  });
  if (!row || row.userId !== link.userId)
    return { status: 404, code: "NOT_FOUND", message: "There is no such export." };
  // Past its expiry the archive is gone, whether or not the sweeper has been by yet.
  if (row.status !== "READY" || !row.archiveObject || !row.expiresAt || row.expiresAt <= new Date())
    return {
      status: 410,
      code: "EXPORT_EXPIRED",
      message: "This export has expired and its archive was deleted; request a new export.",
    };
  return { archiveObject: row.archiveObject, archiveSha256: row.archiveSha256 };
}

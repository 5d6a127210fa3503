import { adminActionRecorded } from "../adminActionRecorded.ts";

/** An admin acted in biz: see ../adminActionRecorded.ts. */
export const bizAdminActionRecordedV1 = adminActionRecorded("biz");

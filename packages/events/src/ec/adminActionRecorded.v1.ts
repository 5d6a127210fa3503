import { adminActionRecorded } from "../adminActionRecorded.ts";

/** An admin acted in ec: see ../adminActionRecorded.ts. */
export const ecAdminActionRecordedV1 = adminActionRecorded("ec");

import { dataExportPartReady } from "../privacyAnswers.ts";

/** ai's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const aiDataExportPartReadyV1 = dataExportPartReady("ai");

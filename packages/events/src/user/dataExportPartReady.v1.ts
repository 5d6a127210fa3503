import { dataExportPartReady } from "../privacyAnswers.ts";

/** user's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const userDataExportPartReadyV1 = dataExportPartReady("user");

import { dataExportPartReady } from "../privacyAnswers.ts";

/** auth's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const authDataExportPartReadyV1 = dataExportPartReady("auth");

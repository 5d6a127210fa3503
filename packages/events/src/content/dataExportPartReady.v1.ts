import { dataExportPartReady } from "../privacyAnswers.ts";

/** content's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const contentDataExportPartReadyV1 = dataExportPartReady("content");

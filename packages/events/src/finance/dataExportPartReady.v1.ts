import { dataExportPartReady } from "../privacyAnswers.ts";

/** finance's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const financeDataExportPartReadyV1 = dataExportPartReady("finance");

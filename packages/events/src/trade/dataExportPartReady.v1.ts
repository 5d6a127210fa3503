import { dataExportPartReady } from "../privacyAnswers.ts";

/** trade's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const tradeDataExportPartReadyV1 = dataExportPartReady("trade");

import { dataExportPartReady } from "../privacyAnswers.ts";

/** ec's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const ecDataExportPartReadyV1 = dataExportPartReady("ec");

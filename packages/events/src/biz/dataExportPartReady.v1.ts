import { dataExportPartReady } from "../privacyAnswers.ts";

/** biz's part of a person's data export is in the export store: see ../privacyAnswers.ts. */
export const bizDataExportPartReadyV1 = dataExportPartReady("biz");

import type { NewSubgraph } from "./request.ts";
import { EditedFile } from "./textEdits.ts";

export const PRODUCERS_FILE = "packages/events/src/defineEvent.ts";
export const DATA_HOLDERS_FILE = "packages/events/src/privacyAnswers.ts";

/** packages/events/src/defineEvent.ts: its name among the producers (its outbox publishes as it). */
export function registerProducer(text: string, sub: NewSubgraph): string {
  const file = new EditedFile(PRODUCERS_FILE, text);
  const start = file.find(/^export type Producer =$/, "the Producer type");
  const last = file.find(/^ {2}\| "[a-z]+";$/, "the Producer type's last member", start);
  file.refuse(new RegExp(`^  \\| "${sub.name}";?$`), `producer ${sub.name}`);
  file.lines[last] = (file.lines[last] ?? "").replace(/;$/, "");
  file.insert(last + 1, [`  | "${sub.name}";`]);
  return file.text;
}

/**
 * packages/events/src/privacyAnswers.ts: its name in DATA_HOLDERS, which gives it its two answers to
 * auth's data-subject requests in the catalog, and makes auth wait for them.
 */
export function registerDataHolder(text: string, sub: NewSubgraph): string {
  const file = new EditedFile(DATA_HOLDERS_FILE, text);
  const start = file.find(/^export const DATA_HOLDERS = \[$/, "DATA_HOLDERS");
  const end = file.find(/^\] as const satisfies readonly Producer\[\];$/, "the end of DATA_HOLDERS", start);
  file.refuse(new RegExp(`^  "${sub.name}",$`), `data holder ${sub.name}`);
  file.insert(end, [`  "${sub.name}",`]);
  return file.text;
}

import { type DocumentNode, print } from "graphql";

/**
 * `print(document)`, once per document object: the socket server caches parsed documents, so the same
 * object recurs for every subscribe of the same text.
 */
export function printedDocuments(): (document: DocumentNode) => string {
  const printed = new WeakMap<DocumentNode, string>();
  return (document) => {
    let text = printed.get(document);
    if (text === undefined) {
      text = print(document);
      printed.set(document, text);
    }
    return text;
  };
}

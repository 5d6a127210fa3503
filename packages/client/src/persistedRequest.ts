import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { getOperationAST } from "graphql";
import manifest from "./generated/persisted-documents.json" with { type: "json" };

/** The JSON body that runs a persisted operation: the router executes the manifest's document for this id. */
export interface PersistedRequest<TVariables> {
  documentId: string;
  operationName: string;
  variables: TVariables;
}

const documents: Readonly<Record<string, string | undefined>> = manifest;

/** The manifest id codegen embedded in a generated document (`persistedDocuments` in codegen.yml). */
export function documentIdOf<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== "string") throw new Error("This document has no persisted id: run npm run codegen");
  return hash;
}

export function persistedRequest<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): PersistedRequest<TVariables> {
  const operationName = getOperationAST(document)?.name?.value;
  if (!operationName) throw new Error("A persisted document holds exactly one named operation");
  return { documentId: documentIdOf(document), operationName, variables };
}

/**
 * The manifest's own text of a document, for transports that carry text rather than an id (a graphql-ws
 * subscribe message). Printing the document would differ from the manifest's normalized text, so a router
 * that only runs listed documents would not recognize it; this text hashes to the document's id.
 */
export function documentTextOf<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
): string {
  const id = documentIdOf(document);
  const text = documents[id];
  if (text === undefined) throw new Error(`The manifest has no document ${id}: run npm run codegen`);
  return text;
}

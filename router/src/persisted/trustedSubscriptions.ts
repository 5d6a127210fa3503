import type { Logger } from "@health/platform/logging";
import { type ExecutionArgs, type ExecutionResult, GraphQLError } from "graphql";
import type { RouterContext } from "../routerContext.ts";
import { printedDocuments } from "../subscriptions/printedDocuments.ts";
import type { PersistedDocuments } from "./persistedDocuments.ts";
import { mayRunUnlisted, type TrustedDocumentsMode, unlistedLogger } from "./trustedDocuments.ts";

/**
 * The manifest's rule for WebSocket subscribes, as `trustedDocuments` applies it to POST and GET. A
 * subscribe message carries text (graphql-ws has no `documentId`): the app sends the manifest's own text
 * (`documentTextOf` in @health/client), matched here in printed form. API keys never reach the socket.
 */
export function trustedSubscriptions(
  documents: PersistedDocuments,
  mode: TrustedDocumentsMode,
  logger: Logger,
): (args: ExecutionArgs) => ExecutionResult | null {
  const logUnlisted = unlistedLogger(logger);
  const printedOf = printedDocuments();
  return (args) => {
    const printed = printedOf(args.document);
    if (documents.printedAs(printed)) return null;
    const { actor } = args.contextValue as RouterContext;
    if (!mayRunUnlisted(mode, { actor })) {
      return {
        errors: [
          new GraphQLError(
            "Only persisted operations run here: subscribe with the manifest's text (schema/persisted-documents.json).",
            { extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST" } },
          ),
        ],
      };
    }
    logUnlisted(printed, args.operationName);
    return null;
  };
}

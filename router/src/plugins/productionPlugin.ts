import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "@health/platform/errors";
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
} from "graphql";
import { isDeveloper } from "../http/caller.ts";
import type { RouterContext } from "../routerContext.ts";

const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(["__schema", "__type"]);
const SUGGESTION = / ?Did you mean .+\?$/;

/** `__schema` or `__type` at the root of the operation, directly or through fragments. */
function asksForIntrospection(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
    ),
  );
  const seen = new Set<string>();
  const visit = (selections: readonly SelectionNode[]): boolean =>
    selections.some((s) => {
      if (s.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet.selections);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment ? visit(fragment.selectionSet.selections) : false;
    });
  return visit(operation.selectionSet.selections);
}

/**
 * Production: no introspection and no "Did you mean …?" hints (both map the schema for an attacker),
 * except for callers with a developer token. The composed schema is published in `schema/` for
 * everyone who builds against it.
 */
export function productionPlugin(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (isDeveloper(contextValue)) return {};
      return {
        async didResolveOperation({ operation, document }) {
          if (operation && asksForIntrospection(operation, document))
            throw new GraphQLError(
              "Introspection is off in production; the schema is published in schema/api.graphql.",
              {
                extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
              },
            );
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? [])
            (error as { message: string }).message = error.message.replace(SUGGESTION, "");
        },
      };
    },
  };
}

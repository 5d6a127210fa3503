import type { ApolloServerPlugin } from "@apollo/server";
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLFormattedError,
  GraphQLSchema,
  OperationDefinitionNode,
} from "graphql";
import { Kind } from "graphql";
import type { CostDirectives } from "./costDirectives.ts";
import { estimateCost } from "./estimateCost.ts";
import { limitExceeded } from "./limitExceeded.ts";
import { measureOperation, type OperationShape } from "./measureOperation.ts";
import type { OperationLimits } from "./operationLimits.ts";

interface DocumentFacts {
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  shapes: Map<string, OperationShape>;
}

export interface OperationLimiter {
  /** Throws LIMIT_EXCEEDED naming the first limit the operation breaks. */
  check(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    schema: GraphQLSchema,
    variables: Variables,
  ): void;
}

type Variables = Readonly<Record<string, unknown>>;

/**
 * Refuses an operation that is too deep, too aliased, too wide or too expensive once it is parsed and
 * validated, before the gateway plans it. Shapes are remembered per parsed document (Apollo Server
 * reuses the parsed document of a repeated operation), so only the cost, which depends on the
 * variables, is worked out per request.
 */
export function createOperationLimiter(
  limits: OperationLimits,
  costDirectives: CostDirectives,
): OperationLimiter {
  const facts = new WeakMap<DocumentNode, DocumentFacts>();
  const factsOf = (document: DocumentNode): DocumentFacts => {
    let known = facts.get(document);
    if (!known) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      known = { fragments, shapes: new Map() };
      facts.set(document, known);
    }
    return known;
  };

  return {
    check(document, operation, schema, variables) {
      const { fragments, shapes } = factsOf(document);
      const name = operation.name?.value ?? "";
      let shape = shapes.get(name);
      if (!shape) {
        shape = measureOperation(operation, fragments);
        shapes.set(name, shape);
      }
      const maxDepth = shape.introspectionOnly ? limits.maxIntrospectionDepth : limits.maxDepth;
      if (shape.depth > maxDepth) throw limitExceeded("depth", maxDepth, shape.depth);
      if (shape.aliases > limits.maxAliases) throw limitExceeded("aliases", limits.maxAliases, shape.aliases);
      if (shape.rootFields > limits.maxRootFields)
        throw limitExceeded("rootFields", limits.maxRootFields, shape.rootFields);
      const cost = estimateCost({
        schema,
        directives: costDirectives,
        operation,
        fragments,
        variables,
        defaultListSize: limits.defaultListSize,
      });
      if (cost > limits.maxCost) throw limitExceeded("cost", limits.maxCost, cost);
    },
  };
}

/** Runs the limiter on every HTTP operation once Apollo Server has resolved it, before the gateway plans it. */
export function operationLimitsPlugin(limiter: OperationLimiter): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          if (operation) limiter.check(document, operation, schema, request.variables ?? {});
        },
      };
    },
  };
}

// graphql-js 16 words it "more that N tokens".
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens/;

/** graphql-js stops parsing at `maxTokens` with a syntax error; clients get it as LIMIT_EXCEEDED instead. */
export function tokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const match = TOO_MANY_TOKENS.exec(formatted.message);
  if (!match) return null;
  const { message, extensions } = limitExceeded("tokens", Number(match[1]));
  const { http: _http, ...clientExtensions } = extensions;
  return { message, extensions: clientExtensions };
}

import {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type GraphQLError,
  type GraphQLFormattedError,
} from "graphql";

/**
 * The result extension with which a shared stream ends one member's subscription (the router's groups
 * hold the members: router/src/subscriptions/README.md, "Ending one member of a shared stream").
 */
export const DISMISS_EXTENSION = "dismiss";

/**
 * A source event a subscription's stream yields to end the subscription of `userId` (every one of theirs
 * on this stream) with `error`, while everyone else's goes on: a viewer banned from a room, say. Never
 * executed: a private stream ends with `error` when it is `userId`'s and ignores it otherwise; a stream
 * that may be shared across callers passes it to the router as a `dismiss` extension.
 */
export class Dismissal {
  constructor(
    readonly userId: string,
    readonly error: GraphQLError,
  ) {}
}

/** What the router reads off a dismissal result: whose subscriptions end, and the errors they end with. */
export interface DismissedMember {
  userId: string;
  errors: GraphQLFormattedError[];
}

/** The dismissal a result carries, or null (any other result). */
export function dismissalOf(result: { data?: unknown; extensions?: unknown }): DismissedMember | null {
  if (result.data !== undefined) return null;
  const dismissed = (result.extensions as Record<string, unknown> | undefined)?.[DISMISS_EXTENSION];
  if (typeof dismissed !== "object" || dismissed === null) return null;
  const { userId, errors } = dismissed as Partial<DismissedMember>;
  return typeof userId === "string" && Array.isArray(errors) ? { userId, errors } : null;
}

export interface DismissalTerms {
  /** Who this operation serves (null: anonymous). */
  subscriberId(): string | null;
  /** Whether the stream may serve other callers too (a scope declared and announced to the router). */
  shared(): boolean;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

/**
 * graphql-js `subscribe`, with each source event executed as it does, except a `Dismissal`: shared, it
 * becomes the `dismiss` extension; private, it ends the stream with its error when it is the
 * subscriber's, and is skipped otherwise.
 */
export async function subscribeWithDismissals(
  args: ExecutionArgs,
  terms: DismissalTerms,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
  const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let ended = false;
  const finish = async () => {
    ended = true;
    await events.return?.();
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      while (!ended) {
        const next = await events.next();
        if (next.done) {
          ended = true;
          break;
        }
        const event = next.value;
        if (!(event instanceof Dismissal)) {
          return { done: false, value: (await execute({ ...args, rootValue: event })) as ExecutionResult };
        }
        if (terms.shared()) {
          const errors = [terms.formatError(event.error.toJSON(), event.error)];
          return {
            done: false,
            value: { extensions: { [DISMISS_EXTENSION]: { userId: event.userId, errors } } },
          };
        }
        if (event.userId === terms.subscriberId()) {
          await finish();
          return { done: false, value: { errors: [event.error] } };
        }
      }
      return { done: true, value: undefined };
    },
    return: async () => {
      await finish();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

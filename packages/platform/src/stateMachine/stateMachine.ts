import { AppError } from "../errors/appError.ts";
import { ErrorCode } from "../errors/errorCode.ts";

/** Every legal move from each state; a state with none is final. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export interface StateMachine<S extends string> {
  transitions: Transitions<S>;
  isTerminal(status: S): boolean;
  canTransition(from: S, to: S): boolean;
  /** CONFLICT naming the state the thing is in, in the message and in `extensions.currentState`. */
  illegalTransition(id: string, from: S, to: S): AppError;
  /** The new status, or `illegalTransition`'s CONFLICT. */
  transition(id: string, from: S, to: S): S;
}

/**
 * The rules of an entity's life as data (`noun` names it in errors: "Order", "Shop order", "Payment"),
 * so each subgraph states only its table of moves and every illegal move reads the same to a client.
 */
export function stateMachine<S extends string>(noun: string, transitions: Transitions<S>): StateMachine<S> {
  const canTransition = (from: S, to: S) => transitions[from].includes(to);
  const illegalTransition = (id: string, from: S, to: S) => {
    const allowed = transitions[from];
    const next = allowed.length > 0 ? `it can only go to ${allowed.join(" or ")}` : "it is final";
    return new AppError(ErrorCode.CONFLICT, `${noun} ${id} is ${from}: it cannot become ${to} (${next}).`, {
      details: { currentState: from },
    });
  };
  return {
    transitions,
    isTerminal: (status) => transitions[status].length === 0,
    canTransition,
    illegalTransition,
    transition: (id, from, to) => {
      if (!canTransition(from, to)) throw illegalTransition(id, from, to);
      return to;
    },
  };
}

export type { StateMachine, Transitions } from "./stateMachine.ts";
export { stateMachine } from "./stateMachine.ts";

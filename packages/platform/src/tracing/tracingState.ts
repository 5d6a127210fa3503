let on = false;

/** Whether `startTracing` registered a provider: hot paths skip their tracing work entirely when not. */
export const isTracingOn = (): boolean => on;

export function setTracingOn(value: boolean): void {
  on = value;
}

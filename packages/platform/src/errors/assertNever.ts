/**
 * The end of an exhaustive `switch` over a union: a missing case fails to compile, since its value is
 * then not `never` (Apollo's `UnreachableCaseError`); at run time, a value from outside the type throws.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}

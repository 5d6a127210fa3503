// The helpers. The typed documents and their result and variable types are the "./documents" entry
// (src/generated/graphql.ts, written by `npm run codegen`).
export { type FragmentType, getFragmentData } from "./generated/fragment-masking.ts";
export {
  documentIdOf,
  documentTextOf,
  type PersistedRequest,
  persistedRequest,
} from "./persistedRequest.ts";

// The first-party app signs in with a typed document: a schema change that breaks SignIn, or the Session
// fields read here, fails this package's typecheck.
import { getFragmentData } from "../generated/fragment-masking.ts";
import {
  SessionFragmentDoc,
  SignInDocument,
  type SignInMutation,
  type SignInMutationVariables,
  UserSummaryFragmentDoc,
} from "../generated/graphql.ts";
import { type PersistedRequest, persistedRequest } from "../persistedRequest.ts";

export interface SignedInSession {
  userId: string;
  displayName: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

export function signInRequest(email: string, password: string): PersistedRequest<SignInMutationVariables> {
  return persistedRequest(SignInDocument, { input: { email, password } });
}

export function sessionFrom(data: SignInMutation): SignedInSession {
  const session = getFragmentData(SessionFragmentDoc, data.login);
  const user = getFragmentData(UserSummaryFragmentDoc, session.user);
  return {
    userId: user.id,
    displayName: user.displayName,
    accessToken: session.accessToken,
    accessTokenExpiresAt: new Date(session.accessTokenExpiresAt),
    refreshToken: session.refreshToken,
  };
}

// One POST to the router with a timeout, judged as a client judges it: an answer counts only when it is
// a 200 with data and no GraphQL error (a GraphQL error inside a 200 is an error).
import { REQUEST_TIMEOUT_MS } from "./settings.ts";

export type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

/** The body a client sends: a query with variables, or a persisted document's id. */
export type Body =
  | { query: string; variables?: Record<string, unknown> }
  | { documentId: string; variables?: Record<string, unknown> };

export async function post<T>(url: string, body: Body, headers: Record<string, string>): Promise<Answer<T>> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let answer: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      answer = JSON.parse(text);
    } catch {
      return { ok: false, error: `HTTP ${response.status}, not JSON` };
    }
    if (answer.errors?.length) {
      const first = answer.errors[0]!;
      return { ok: false, error: `${first.extensions?.code ?? "ERROR"}: ${first.message.slice(0, 80)}` };
    }
    if (response.status !== 200 || !answer.data) return { ok: false, error: `HTTP ${response.status}` };
    return { ok: true, data: answer.data };
  } catch (error) {
    // A timeout, or the router gone (connection refused or reset): the user got nothing.
    return {
      ok: false,
      error: (error as Error).name === "TimeoutError" ? "timeout" : (error as Error).message,
    };
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

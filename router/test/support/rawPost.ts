/** A POST to the router with any body and headers: for probes a well-behaved client would never send. */
export async function rawPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: probes read whatever shape the router answered with
): Promise<{ status: number; headers: Headers; text: string; json: () => any }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

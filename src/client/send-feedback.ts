/**
 * POSTs a rating to the page's feedback endpoint. Fire and forget from the
 * widget's side: the promise rejects with a message to log when the request
 * fails or is refused, and nothing else depends on it.
 */
export async function sendFeedback(
  endpoint: string | URL,
  payload: unknown,
  headers: Record<string, string> = {},
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<void> {
  const response = await fetchImpl(endpoint, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
    // A rating sent as the page closes still arrives.
    keepalive: true,
  });
  void response.body?.cancel().catch(() => {});
  if (!response.ok) throw new Error(`The feedback endpoint answered HTTP ${response.status}.`);
}

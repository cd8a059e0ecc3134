/** A `fetch` double that records each request and answers from a handler (no global mocking). */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
}

/** Creates the double; `handler` gets the Request and the 1-based call number. */
export function fakeFetch(handler: (request: Request, call: number) => Response | Promise<Response>) {
  const calls: RecordedRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    calls.push({ method: request.method, url: request.url, headers: new Headers(request.headers) });
    return handler(request, calls.length);
  };
  return { fetch, calls };
}

/** A JSON response with the given status and headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

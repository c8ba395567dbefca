// Calls a route handler in-process with a real Request, the way Next.js would.
export type Handler = (request: Request, segment?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  token?: string;
  cookie?: string;
  /** The client's address, as the trusted proxy in front of the app appends it. */
  ip?: string;
}

export const BASE_URL = "http://localhost:3000";

export async function callRoute(handler: Handler, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined ? "POST" : "GET");
  if (options.cookie) {
    headers.set("cookie", options.cookie);
    // A browser on our own pages sends both with every fetch; tests of other origins set their own.
    if (!headers.has("origin") && !headers.has("sec-fetch-site")) {
      headers.set("sec-fetch-site", "same-origin");
      if (method !== "GET" && method !== "HEAD") headers.set("origin", BASE_URL);
    }
  }
  // The one trusted proxy in front of the app (tests/setup.ts sets TRUST_PROXY=1) appends the
  // address it received the request from to whatever X-Forwarded-For the client sent.
  const sent = headers.get("x-forwarded-for");
  const peer = options.ip ?? "203.0.113.10";
  headers.set("x-forwarded-for", sent ? `${sent}, ${peer}` : peer);
  const request = new Request(`${BASE_URL}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { response, status: response.status, json, text, headers: response.headers };
}

/** Cookie header value from a response's Set-Cookie headers. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

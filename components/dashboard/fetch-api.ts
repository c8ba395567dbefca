// Browser calls to our JSON API with the session cookie. Every result is an ApiResult: the data,
// or the error envelope's message ready to show (components/auth/post-json.ts reads it).
import { readApiResponse, type ApiResult } from "@/components/auth/post-json";

const NETWORK: ApiResult<never> = {
  ok: false,
  status: 0,
  code: "network",
  message: "Could not reach the server. Check your connection and try again.",
};

export async function fetchApi<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiResult<T>> {
  const { json, headers, ...rest } = init;
  try {
    const response = await fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      ...rest,
      headers: json === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
    return await readApiResponse<T>(response);
  } catch {
    return NETWORK;
  }
}

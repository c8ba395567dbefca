// GET /auth/refresh?next=/path — renews an expired local session during page navigation
// (proxy.ts sends the browser here; server components cannot set cookies) and returns to
// `next`, which must be a same-site path.
import { getAuth } from "@/lib/auth/get-auth";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { isSecureRequest, requestOrigin, ResponseCookieJar } from "@/lib/api/request-info";

export async function GET(request: Request) {
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const jar = new ResponseCookieJar(request.headers.get("cookie"));
  const user = await getAuth()
    .userFromCookies(jar, isSecureRequest(request))
    .catch(() => null);
  const target = user ? next : `/sign-in?next=${encodeURIComponent(next)}`;
  const response = new Response(null, { status: 303, headers: { Location: new URL(target, requestOrigin(request)).toString(), "Cache-Control": "no-store" } });
  jar.applyTo(response.headers);
  return response;
}

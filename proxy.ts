// Refreshes sessions before pages render; never authorizes (pages and handlers check again,
// and /api answers 401 JSON itself). It must not open the database: Proxy may run apart from
// the app's modules, and PGlite allows one opener per data directory.
import { NextResponse, type NextRequest } from "next/server";
import { createServerClient } from "@supabase/ssr";
import { env } from "@/lib/env";

const ACCESS_COOKIE = "eaa-access-token";
const REFRESH_COOKIE = "eaa-refresh-token";

function expiresSoon(jwt: string | undefined): boolean {
  if (!jwt) return true;
  try {
    const payload = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof payload.exp !== "number" || payload.exp * 1000 < Date.now() + 30_000;
  } catch {
    return true;
  }
}

export async function proxy(request: NextRequest) {
  const supabaseUrl = env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;

  if (supabaseUrl && supabaseKey) {
    let response = NextResponse.next({ request });
    const supabase = createServerClient(supabaseUrl, supabaseKey, {
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll: (cookies) => {
          for (const { name, value } of cookies) request.cookies.set(name, value);
          response = NextResponse.next({ request });
          for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
        },
      },
    });
    await supabase.auth.getClaims().catch(() => undefined);
    return response;
  }

  // Local sessions: an expired access token with a refresh token goes through /auth/refresh,
  // a route handler that may set cookies, and comes back.
  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  if (refresh && expiresSoon(access) && request.method === "GET") {
    const target = new URL("/auth/refresh", request.url);
    target.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(target, 307);
  }
  return NextResponse.next();
}

export const config = {
  // Pages only: API routes authenticate per request; static assets need no session.
  matcher: ["/((?!api/|auth/refresh|_next/static|_next/image|favicon.ico|addin/manifest.xml|.*\\.(?:svg|png|jpg|ico|css|js)$).*)"],
};

// Runs before every page and API request (static assets excepted, see the matcher): sets the
// per-request Content-Security-Policy with its nonce, answers CORS preflights for /api, and
// refreshes page sessions. It never authorizes (pages and handlers check again, and /api answers
// 401 JSON itself). It must not open the database: Proxy may run apart from the app's modules,
// and PGlite allows one opener per data directory.
import { NextResponse, type NextRequest } from "next/server";
import { createServerClient } from "@supabase/ssr";
import { realtimeOff } from "@/lib/auth/supabase-realtime-off";
import { env } from "@/lib/env";
import { isPreflight, preflightResponse } from "@/lib/api/cors";
import { isSecureRequest } from "@/lib/api/request-info";
import { contentSecurityPolicy, createNonce, surfaceOf } from "@/lib/api/security-headers";

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
  const surface = surfaceOf(request.nextUrl.pathname);

  if (surface === "api") {
    // API routes authenticate per request and read their own cookies: no session work here.
    if (isPreflight(request)) return preflightResponse(request);
    const response = NextResponse.next();
    response.headers.set("Content-Security-Policy", contentSecurityPolicy({ surface }));
    return response;
  }

  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts; pages
  // read `x-nonce` for any script they add themselves. Pages must render per request for this
  // (app/layout.tsx opts the tree into dynamic rendering).
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    surface,
    nonce,
    dev: env.NODE_ENV === "development",
    secure: isSecureRequest(request),
    connectOrigins: env.NEXT_PUBLIC_SUPABASE_URL ? [new URL(env.NEXT_PUBLIC_SUPABASE_URL).origin] : [],
  });
  const forward = () => {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    // The dashboard layout cannot see the URL being opened; it reads this to send a signed-out
    // deep link to sign-in with the right `next`. Set here, so a client cannot supply its own.
    headers.set("x-pathname", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.next({ request: { headers } });
  };
  const secured = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };

  const supabaseUrl = env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;

  if (supabaseUrl && supabaseKey) {
    let response = forward();
    const supabase = createServerClient(supabaseUrl, supabaseKey, {
      realtime: realtimeOff,
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll: (cookies) => {
          for (const { name, value } of cookies) request.cookies.set(name, value);
          response = forward();
          for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
        },
      },
    });
    await supabase.auth.getClaims().catch(() => undefined);
    return secured(response);
  }

  // Local sessions: an expired access token with a refresh token goes through /auth/refresh,
  // a route handler that may set cookies, and comes back.
  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  if (refresh && expiresSoon(access) && request.method === "GET" && request.nextUrl.pathname !== "/auth/refresh") {
    const target = new URL("/auth/refresh", request.url);
    target.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return secured(NextResponse.redirect(target, 307));
  }
  return secured(forward());
}

export const config = {
  // Pages and /api; not build assets or public files (next.config.ts `headers()` gives those the
  // static security headers) nor the add-in manifest.
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|addin/manifest.xml|.*\\.(?:svg|png|jpg|jpeg|gif|webp|avif|ico|css|js|map|woff2?|txt|xml)$).*)",
  ],
};

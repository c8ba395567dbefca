import type { NextConfig } from "next";
import { BASELINE_HEADERS, FRAME_DENY_HEADER } from "./lib/api/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files; pg and pino use Node APIs: load them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "ioredis", "prom-client"],
  // The migrations are read at run time on first start (PGlite and Postgres alike).
  outputFileTracingIncludes: { "/**": ["./supabase/**/*.sql"] },
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // `npm run test:all` type-checks the whole project (tests included) with tsc before it builds;
  // the build need not repeat that on a 2-core CI machine, nor fail on a test file's types.
  typescript: { ignoreBuildErrors: true },
  // Static security headers on every response, including the static assets and files proxy.ts
  // does not run for. The per-request Content-Security-Policy comes from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...BASELINE_HEADERS] },
      // Everything but the add-in refuses to be framed; Office must frame /addin/*, and
      // X-Frame-Options cannot name its hosts (the CSP frame-ancestors list does).
      { source: "/", headers: [FRAME_DENY_HEADER] },
      { source: "/:path((?!addin(?:/|$)).+)", headers: [FRAME_DENY_HEADER] },
    ];
  },
};

export default nextConfig;

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files; pg and pino use Node APIs: load them from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "ioredis", "prom-client"],
  // The migrations are read at run time on first start (PGlite and Postgres alike).
  outputFileTracingIncludes: { "/**": ["./supabase/**/*.sql"] },
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;

// The app's KV: one instance per server process, built from the environment on first use.
// Kept on globalThis so Next.js dev reloads reuse the connection (and the embedded store's
// counters) instead of opening a new one per reload.
import "server-only";
import { env } from "@/lib/env";
import type { Kv } from "./kv";
import { createKv } from "./create-kv";

export type { Kv } from "./kv";

const holder = globalThis as typeof globalThis & { __excelAiKv?: Kv };

export function getKv(): Kv {
  holder.__excelAiKv ??= createKv({
    restUrl: env.KV_REST_API_URL,
    restToken: env.KV_REST_API_TOKEN,
    redisUrl: env.REDIS_URL,
    keyPrefix: env.KV_PREFIX,
  });
  return holder.__excelAiKv;
}

// Every route that acts on a signed-in user's data, with a request that would succeed for its
// owner. The security tests run each attack against the whole table, so a route added here is
// covered by all of them. Routes still being built are loaded when their file exists.
import { existsSync } from "node:fs";
import path from "node:path";
import type { ApiKeyScope } from "@/lib/auth/key-scopes";
import type { Handler } from "../../helpers/call-route";

export interface ResourceRoute {
  name: string;
  file: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  params?: Record<string, string>;
  /** The scope an API key needs for this route; none: API keys are refused (a session is needed). */
  keyScope?: ApiKeyScope;
}

const SOME_ID = "6f1c2a3b-1111-4222-8333-444455556666";

export const RESOURCE_ROUTES: ResourceRoute[] = [
  { name: "list keys", file: "app/api/keys/route.ts", method: "GET", path: "/api/keys" },
  { name: "create key", file: "app/api/keys/route.ts", method: "POST", path: "/api/keys", body: { name: "attack" } },
  { name: "revoke key", file: "app/api/keys/[id]/route.ts", method: "DELETE", path: `/api/keys/${SOME_ID}`, params: { id: SOME_ID } },
  { name: "list conversations", file: "app/api/conversations/route.ts", method: "GET", path: "/api/conversations?q=budget", keyScope: "history" },
  { name: "read conversation", file: "app/api/conversations/[id]/route.ts", method: "GET", path: `/api/conversations/${SOME_ID}`, params: { id: SOME_ID }, keyScope: "history" },
  { name: "delete conversation", file: "app/api/conversations/[id]/route.ts", method: "DELETE", path: `/api/conversations/${SOME_ID}`, params: { id: SOME_ID } },
  {
    name: "record proposal outcomes",
    file: "app/api/conversations/[id]/route.ts",
    method: "PATCH",
    path: `/api/conversations/${SOME_ID}`,
    params: { id: SOME_ID },
    body: { outcomes: [{ messageId: "m1", toolCallId: "call-1", outcome: { status: "applied", address: "A1" } }] },
    keyScope: "chat",
  },
  { name: "chat history", file: "app/api/v1/chat/history/route.ts", method: "GET", path: "/api/v1/chat/history", keyScope: "history" },
  {
    name: "in-cell functions",
    file: "app/api/v1/functions/route.ts",
    method: "POST",
    path: "/api/v1/functions",
    body: { calls: [{ id: "B2", name: "EXTRACT", args: ["Write to ann@example.com", "email"] }] },
    keyScope: "chat",
  },
  { name: "clear chat history", file: "app/api/v1/chat/history/route.ts", method: "DELETE", path: "/api/v1/chat/history" },
  { name: "usage", file: "app/api/usage/route.ts", method: "GET", path: "/api/usage", keyScope: "usage" },
  { name: "audit log", file: "app/api/audit/route.ts", method: "GET", path: "/api/audit" },
  { name: "settings", file: "app/api/settings/route.ts", method: "GET", path: "/api/settings" },
  { name: "change settings", file: "app/api/settings/route.ts", method: "PATCH", path: "/api/settings", body: { writeMode: "auto" } },
  { name: "account export", file: "app/api/account/export/route.ts", method: "GET", path: "/api/account/export" },
  { name: "account deletion", file: "app/api/account/route.ts", method: "DELETE", path: "/api/account", body: { confirm: "victim@example.test" } },
  { name: "billing checkout", file: "app/api/billing/checkout/route.ts", method: "POST", path: "/api/billing/checkout", body: { plan: "pro" } },
  { name: "billing portal", file: "app/api/billing/portal/route.ts", method: "POST", path: "/api/billing/portal" },
  { name: "add-in heartbeat", file: "app/api/addin/heartbeat/route.ts", method: "POST", path: "/api/addin/heartbeat", body: { host: "Excel" }, keyScope: "chat" },
];

/** Chat routes accept guests, but a bad credential is still a 401, never a silent guest. */
export const OPTIONAL_AUTH_ROUTES: ResourceRoute[] = [
  { name: "chat (UI stream)", file: "app/api/chat/route.ts", method: "POST", path: "/api/chat", body: { messages: [{ id: "m1", role: "user", parts: [{ type: "text", text: "Sum column B" }] }] }, keyScope: "chat" },
  { name: "chat (legacy JSON)", file: "app/api/v1/chat/route.ts", method: "POST", path: "/api/v1/chat", body: { message: "Sum column B" }, keyScope: "chat" },
];

export function routeExists(route: ResourceRoute): boolean {
  return existsSync(path.join(process.cwd(), route.file));
}

export async function loadHandler(route: ResourceRoute): Promise<Handler> {
  const module = (await import(/* @vite-ignore */ path.join(process.cwd(), route.file))) as Record<string, Handler>;
  const handler = module[route.method];
  if (!handler) throw new Error(`${route.file} does not export ${route.method}`);
  return handler;
}

// The chat answer says what is left of the quota (X-Quota), so the add-in can show it to guests
// and to API keys that cannot read /api/usage.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { nextIp } from "@/tests/fixtures/ai/test-db";

beforeAll(() => getDatabase());
afterEach(() => setProviderChainForTests(undefined));

const context = { selectedRange: { address: "Sheet1!A1:B2", values: [["Item", "Cost"], ["Ink", 40]], rowCount: 2, columnCount: 2 } };
const ask = (text: string) => ({ messages: [{ id: `u-${text}`, role: "user", parts: [{ type: "text", text }] }], context });

function quota(header: string | null): Record<string, string> {
  expect(header).toBeTruthy();
  return Object.fromEntries(header!.split(",").map((pair) => pair.trim().split("=") as [string, string]));
}

describe("X-Quota on chat answers", () => {
  it("tells a guest how many of today's questions are left, one fewer each time", async () => {
    setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model: textModel(["ok"], { input: 50, output: 5 }) }], timeoutMs: 2_000 }));
    const ip = nextIp();
    const first = await callRoute(chatRoute, "/api/chat", { ip, body: ask("first") });
    expect(first.status).toBe(200);
    const limit = ENTITLEMENTS.guest.requestsPerDay;
    expect(quota(first.headers.get("x-quota"))).toMatchObject({ plan: "guest", "requests-remaining": String(limit - 1), "requests-limit": String(limit) });
    const second = await callRoute(chatRoute, "/api/chat", { ip, body: ask("second") });
    expect(quota(second.headers.get("x-quota"))["requests-remaining"]).toBe(String(limit - 2));
  });

  it("counts a signed-in user's own plan, on the JSON answer too", async () => {
    setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model: textModel(["ok"], { input: 50, output: 5 }) }], timeoutMs: 2_000 }));
    const user = await createTestUser("quota-header");
    const answer = await callRoute(chatRoute, "/api/chat", { token: user.accessToken, ip: nextIp(), body: { message: "How much is ink?", context } });
    expect(answer.status).toBe(200);
    const q = quota(answer.headers.get("x-quota"));
    expect(q).toMatchObject({ plan: "free", "requests-remaining": String(ENTITLEMENTS.free.requestsPerDay - 1), "tokens-limit": String(ENTITLEMENTS.free.tokensPerMonth) });
    expect(Number(q["tokens-remaining"])).toBeLessThanOrEqual(ENTITLEMENTS.free.tokensPerMonth);
  });
});

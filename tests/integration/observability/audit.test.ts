// GET /api/audit: my security events, newest first, paged; never anyone else's.
import { describe, expect, it } from "vitest";
import { GET as audit } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as logout } from "@/app/api/auth/logout/route";
import { POST as createKey } from "@/app/api/keys/route";
import { DELETE as revokeKey } from "@/app/api/keys/[id]/route";
import { GET as exportAccount } from "@/app/api/account/export/route";
import { callRoute } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

describe("GET /api/audit", () => {
  it("lists sign-up, sign-in, failed sign-in, keys, export and sign-out, newest first", async () => {
    const user = await createTestUser("audit");
    const ip = "192.0.2.77";
    await callRoute(login, "/api/auth/login", { body: { email: user.email, password: "wrong-password-1" }, ip });
    const session = await callRoute(login, "/api/auth/login", { body: { email: user.email, password: user.password }, ip });
    const key = await callRoute(createKey, "/api/keys", { body: { name: "laptop" }, token: user.accessToken, ip });
    await callRoute(revokeKey, `/api/keys/${key.json.id}`, { method: "DELETE", token: user.accessToken, params: { id: key.json.id }, ip });
    await callRoute(exportAccount, "/api/account/export", { token: user.accessToken, ip });
    await callRoute(logout, "/api/auth/logout", { method: "POST", token: session.json.access_token, ip });

    const { status, json } = await callRoute(audit, "/api/audit", { token: user.accessToken });
    expect(status).toBe(200);
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual([
      "auth.logout",
      "account.exported",
      "api_key.revoked",
      "api_key.created",
      "auth.login",
      "auth.login_failed",
      "auth.signup",
    ]);
    expect(json.nextCursor).toBeNull();
    const created = json.entries.find((e: { action: string }) => e.action === "api_key.created");
    expect(created).toMatchObject({ ip, metadata: { prefix: key.json.prefix } });
    expect(JSON.stringify(json)).not.toContain(key.json.key);
    const times = json.entries.map((e: { createdAt: string }) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("pages with limit and the cursor, without gaps or repeats", async () => {
    const user = await createTestUser("audit-pages");
    for (let i = 0; i < 4; i++) await callRoute(createKey, "/api/keys", { body: { name: `k${i}` }, token: user.accessToken });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/audit?limit=2${cursor ? `&before=${cursor}` : ""}`;
      const { status, json } = await callRoute(audit, path, { token: user.accessToken });
      expect(status).toBe(200);
      expect(json.entries.length).toBeLessThanOrEqual(2);
      seen.push(...json.entries.map((e: { id: string }) => e.id));
      cursor = json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(5); // sign-up + 4 keys
    expect(new Set(seen).size).toBe(5);
    expect(pages).toBe(3);
  });

  it("shows user B none of user A's events, whatever the cursor", async () => {
    const a = await createTestUser("audit-a");
    const b = await createTestUser("audit-b");
    await callRoute(createKey, "/api/keys", { body: { name: "a's key" }, token: a.accessToken });
    const mine = await callRoute(audit, "/api/audit", { token: a.accessToken });
    const cursor = String(BigInt(mine.json.entries[0].id) + 1n);
    for (const path of ["/api/audit", `/api/audit?before=${cursor}&limit=100`]) {
      const theirs = await callRoute(audit, path, { token: b.accessToken });
      expect(theirs.json.entries.map((e: { action: string }) => e.action)).toEqual(["auth.signup"]);
      expect(JSON.stringify(theirs.json)).not.toContain(a.id);
    }
  });

  it("validates paging with clear 400s and needs a user", async () => {
    const user = await createTestUser("audit-bad");
    for (const query of ["limit=0", "limit=101", "limit=abc", "before=-1", "before=1%20or%201=1", "before=99999999999999999999", "before=9223372036854775808"]) {
      const { status, json } = await callRoute(audit, `/api/audit?${query}`, { token: user.accessToken });
      expect(status, query).toBe(400);
      expect(json.error.message).toMatch(/limit|before/);
    }
    expect((await callRoute(audit, "/api/audit?before=9223372036854775807", { token: user.accessToken })).status).toBe(200);
    expect((await callRoute(audit, "/api/audit")).status).toBe(401);
  });
});

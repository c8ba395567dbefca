// The pane reports in (POST /api/addin/heartbeat) and the Connect page reads it back: signed-in
// sessions and `chat`-scoped keys may report, guests and other keys may not, bad input is
// refused with a message naming the field, and one user never sees or changes another's status.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as heartbeat } from "@/app/api/addin/heartbeat/route";
import { POST as createKey } from "@/app/api/keys/route";
import { GET as exportAccount } from "@/app/api/account/export/route";
import { getAddinConnection, recordAddinConnection } from "@/lib/db/addin-heartbeats";
import { withUserDb } from "@/lib/db/with-rls";
import { callRoute } from "../../helpers/call-route";
import { createTestUser, type TestUser } from "../../helpers/test-users";

let a: TestUser;
let b: TestUser;
let ip = 10;
const nextIp = () => `198.51.100.${ip++}`;

beforeAll(async () => {
  a = await createTestUser("heartbeat-a");
  b = await createTestUser("heartbeat-b");
});

async function keyFor(user: TestUser, scopes: string[]) {
  const created = await callRoute(createKey, "/api/keys", { body: { name: `pane ${scopes.join("+")}`, scopes }, token: user.accessToken });
  expect(created.status, created.text).toBe(201);
  return created.json.key as string;
}

describe("POST /api/addin/heartbeat", () => {
  it("records that a signed-in pane is running, with what Office reported", async () => {
    expect(await getAddinConnection({ claims: a.claims })).toBeNull();
    const before = Date.now();
    const result = await callRoute(heartbeat, "/api/addin/heartbeat", {
      token: a.accessToken,
      ip: nextIp(),
      body: { host: "Excel", platform: "OfficeOnline", officeVersion: "16.0.17928.20114", addinVersion: "1.0.0.0" },
    });
    expect(result.status, result.text).toBe(200);
    expect(result.json.connected).toBe(true);
    const stored = await getAddinConnection({ claims: a.claims });
    expect(stored).toMatchObject({ host: "Excel", platform: "OfficeOnline", officeVersion: "16.0.17928.20114", addinVersion: "1.0.0.0" });
    expect(stored!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(new Date(result.json.lastSeenAt).getTime()).toBe(stored!.lastSeenAt.getTime());
  });

  it("a later report moves last seen forward and replaces the host details", async () => {
    const first = await getAddinConnection({ claims: a.claims });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await callRoute(heartbeat, "/api/addin/heartbeat", { token: a.accessToken, ip: nextIp(), body: { platform: "PC" } });
    expect(again.status).toBe(200);
    const stored = await getAddinConnection({ claims: a.claims });
    expect(stored!.lastSeenAt.getTime()).toBeGreaterThan(first!.lastSeenAt.getTime());
    expect(stored).toMatchObject({ platform: "PC", host: null });
  });

  it("refuses guests with 401 and records nothing", async () => {
    const result = await callRoute(heartbeat, "/api/addin/heartbeat", { ip: nextIp(), body: {} });
    expect(result.status).toBe(401);
    expect(result.json.error.code).toBe("unauthorized");
  });

  it("accepts an API key with the chat scope, and refuses a key without it", async () => {
    const user = await createTestUser("heartbeat-keys");
    const usageOnly = await callRoute(heartbeat, "/api/addin/heartbeat", { token: await keyFor(user, ["usage", "history"]), ip: nextIp(), body: {} });
    expect(usageOnly.status).toBe(403);
    expect(usageOnly.json.error).toMatchObject({ code: "forbidden", reason: "missing_scope", scope: "chat" });
    expect(await getAddinConnection({ claims: user.claims })).toBeNull();

    const chat = await callRoute(heartbeat, "/api/addin/heartbeat", { token: await keyFor(user, ["chat"]), ip: nextIp(), body: { host: "Excel" } });
    expect(chat.status, chat.text).toBe(200);
    expect(await getAddinConnection({ claims: user.claims })).toMatchObject({ host: "Excel" });
  });

  it("refuses bad input with a message naming the field and what is allowed", async () => {
    const tooLong = await callRoute(heartbeat, "/api/addin/heartbeat", { token: b.accessToken, ip: nextIp(), body: { host: "x".repeat(41) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.message).toMatch(/host must be at most 40 characters/);

    const markup = await callRoute(heartbeat, "/api/addin/heartbeat", { token: b.accessToken, ip: nextIp(), body: { platform: "<script>" } });
    expect(markup.status).toBe(400);
    expect(markup.json.error.message).toMatch(/platform may contain letters, digits/);

    const extra = await callRoute(heartbeat, "/api/addin/heartbeat", { token: b.accessToken, ip: nextIp(), body: { userId: a.id } });
    expect(extra.status).toBe(400);
    expect(await getAddinConnection({ claims: b.claims })).toBeNull();
  });

  it("user B never sees nor overwrites user A's status (row-level security)", async () => {
    const mine = await getAddinConnection({ claims: a.claims });
    expect(mine).not.toBeNull();
    // B, asking the database directly for A's row, gets nothing.
    const seen = await withUserDb(b.claims, (tx) => tx.selectFrom("addin_heartbeats").selectAll().where("user_id", "=", a.id).execute());
    expect(seen).toEqual([]);
    // B cannot write a row in A's name either.
    await expect(
      withUserDb(b.claims, (tx) => tx.insertInto("addin_heartbeats").values({ user_id: a.id, host: "forged" }).execute()),
    ).rejects.toMatchObject({ code: "not_found" });
    const updated = await withUserDb(b.claims, (tx) => tx.updateTable("addin_heartbeats").set({ host: "forged" }).where("user_id", "=", a.id).executeTakeFirst());
    expect(Number(updated.numUpdatedRows)).toBe(0);
    // B's own report creates B's row only.
    await recordAddinConnection({ claims: b.claims, report: { host: "Excel" } });
    expect(await getAddinConnection({ claims: b.claims })).toMatchObject({ host: "Excel" });
    expect(await getAddinConnection({ claims: a.claims })).toMatchObject({ platform: "PC", host: null });
  });

  it("is part of the account export, and only the exporter's own", async () => {
    const exported = await callRoute(exportAccount, "/api/account/export", { token: b.accessToken, ip: nextIp() });
    expect(exported.status).toBe(200);
    expect(exported.json.addinLastSeen).toMatchObject({ user_id: b.id, host: "Excel" });
    expect(exported.text).not.toContain(a.id);
  });
});

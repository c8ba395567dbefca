// GET /auth/refresh?next=… is where proxy.ts sends a page navigation whose session needs
// renewing; it answers 303 to `next`. A crafted `next` must never make that Location another host.
import { describe, expect, it } from "vitest";
import { GET as refreshPage } from "@/app/auth/refresh/route";
import { BASE_URL } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

const ATTACKS = [
  "/..//evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "/./\\evil.example",
  "/\\evil.example",
  "/%5c%5cevil.example",
  "/%2f%2fevil.example",
  "/\t/evil.example",
  "//evil.example",
  "https://evil.example/",
];

async function follow(next: string, cookie?: string) {
  const url = `${BASE_URL}/auth/refresh?next=${encodeURIComponent(next)}`;
  const response = await refreshPage(new Request(url, { headers: cookie ? { cookie } : {} }));
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

describe("GET /auth/refresh?next=", () => {
  it.each(ATTACKS)("signed in: %j lands on the dashboard of this site", async (next) => {
    const user = await createTestUser("redirect");
    const { status, location } = await follow(next, user.cookie);
    expect(status).toBe(303);
    expect(new URL(location).origin).toBe(BASE_URL);
    expect(location).toBe(`${BASE_URL}/dashboard`);
  });

  it.each(ATTACKS)("signed out: %j goes to sign-in with a safe next", async (next) => {
    const { status, location } = await follow(next);
    expect(status).toBe(303);
    expect(location).toBe(`${BASE_URL}/sign-in?next=%2Fdashboard`);
  });

  it("returns to a same-site path, normalised", async () => {
    const user = await createTestUser("redirect-ok");
    expect((await follow("/dashboard/billing?plan=pro", user.cookie)).location).toBe(`${BASE_URL}/dashboard/billing?plan=pro`);
    expect((await follow("/dashboard/./keys", user.cookie)).location).toBe(`${BASE_URL}/dashboard/keys`);
  });
});

// Real users created through the real signup route, for integration tests (user A, user B).
import { randomUUID } from "node:crypto";
import { POST as signup } from "@/app/api/auth/signup/route";
import { callRoute, cookiesFrom } from "./call-route";

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  cookie: string;
  claims: { sub: string; email: string; role: "authenticated"; aud: string };
}

export async function createTestUser(label = "user"): Promise<TestUser> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const password = "correct-horse-42";
  // Distinct IPs keep the auth rate limit (per IP) out of the way of tests about other things.
  const { status, json, response } = await callRoute(signup, "/api/auth/signup", {
    body: { email, password },
    ip: `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  });
  if (status !== 201) throw new Error(`signup failed: ${status} ${JSON.stringify(json)}`);
  return {
    id: json.user.id,
    email,
    password,
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    cookie: cookiesFrom(response),
    claims: { sub: json.user.id, email, role: "authenticated", aud: "authenticated" },
  };
}

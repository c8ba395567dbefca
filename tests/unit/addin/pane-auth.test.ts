// The task pane's credentials: bearer auth on every call (never cookies), an access token
// refreshed before it expires and once after a 401 (shared by concurrent calls), a dead session
// signed out, and a sign-in dialog message accepted only from our own origin in our own shape.
import { describe, expect, it } from "vitest";
import { createAuthorizedFetch, SessionExpiredError, type CredentialHolder } from "@/lib/addin/auth/authorized-fetch";
import { describeCredential, loadCredential, saveCredential, CREDENTIAL_STORAGE_KEY, type Credential } from "@/lib/addin/auth/credential";
import { readSignInMessage, SIGN_IN_MESSAGE_TYPE } from "@/lib/addin/auth/sign-in-dialog";
import { revokeSession } from "@/lib/addin/auth/sign-out";
import { DEVICE_TOKEN_STORAGE_KEY, loadDeviceToken, saveDeviceToken } from "@/lib/addin/auth/device-token";

const ORIGIN = "https://excel-ai.example.com";

function holderWith(credential: Credential | null): CredentialHolder & { current: Credential | null } {
  const holder = {
    current: credential,
    get: () => holder.current,
    set: (next: Credential | null) => {
      holder.current = next;
    },
  };
  return holder;
}

function session(expiresInMs: number, token = "access-1"): Credential {
  return { kind: "session", accessToken: token, refreshToken: "refresh-1", expiresAt: Date.now() + expiresInMs, user: { id: "u1", email: "a@example.com" } };
}

const fresh = { access_token: "access-2", refresh_token: "refresh-2", expires_in: 3600, token_type: "bearer", user: { id: "u1", email: "a@example.com" } };

function fakeFetch(handler: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return handler(url, init ?? {});
  }) as typeof fetch;
  return { fetcher, calls };
}

const authHeader = (init: RequestInit) => new Headers(init.headers).get("authorization");

describe("authorized fetch", () => {
  it("sends the API key as a bearer token and no cookies", async () => {
    const { fetcher, calls } = fakeFetch(() => Response.json({ ok: true }));
    const authorized = createAuthorizedFetch(holderWith({ kind: "api_key", apiKey: "eaa_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" }), fetcher);
    await authorized("/api/settings");
    expect(authHeader(calls[0].init)).toBe("Bearer eaa_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    expect(calls[0].init.credentials).toBe("omit");
  });

  it("sends nothing for a guest", async () => {
    const { fetcher, calls } = fakeFetch(() => Response.json({ ok: true }));
    await createAuthorizedFetch(holderWith({ kind: "guest" }), fetcher)("/api/chat", { method: "POST" });
    expect(authHeader(calls[0].init)).toBeNull();
  });

  it("refreshes an access token about to expire before the call, once for concurrent calls", async () => {
    const holder = holderWith(session(10_000));
    const { fetcher, calls } = fakeFetch((url) => (url === "/api/auth/refresh" ? Response.json(fresh) : Response.json({ ok: true })));
    const authorized = createAuthorizedFetch(holder, fetcher);
    await Promise.all([authorized("/api/settings"), authorized("/api/conversations")]);
    expect(calls.filter((c) => c.url === "/api/auth/refresh")).toHaveLength(1);
    expect(JSON.parse(String(calls.find((c) => c.url === "/api/auth/refresh")!.init.body))).toEqual({ refresh_token: "refresh-1" });
    expect(calls.filter((c) => c.url !== "/api/auth/refresh").map((c) => authHeader(c.init))).toEqual(["Bearer access-2", "Bearer access-2"]);
    expect(holder.current).toMatchObject({ kind: "session", accessToken: "access-2", refreshToken: "refresh-2" });
  });

  it("retries once with a new token after a 401", async () => {
    const holder = holderWith(session(3_600_000));
    let first = true;
    const { fetcher, calls } = fakeFetch((url, init) => {
      if (url === "/api/auth/refresh") return Response.json(fresh);
      if (first) {
        first = false;
        return Response.json({ error: { code: "unauthorized" } }, { status: 401 });
      }
      return Response.json({ token: authHeader(init) });
    });
    const response = await createAuthorizedFetch(holder, fetcher)("/api/settings");
    expect(await response.json()).toEqual({ token: "Bearer access-2" });
    expect(calls.map((c) => c.url)).toEqual(["/api/settings", "/api/auth/refresh", "/api/settings"]);
  });

  it("signs out when the refresh token is refused", async () => {
    const holder = holderWith(session(0));
    const { fetcher } = fakeFetch(() => Response.json({ error: { code: "unauthorized" } }, { status: 401 }));
    await expect(createAuthorizedFetch(holder, fetcher)("/api/settings")).rejects.toBeInstanceOf(SessionExpiredError);
    expect(holder.current).toBeNull();
  });
});

describe("stored credential", () => {
  function memoryStorage(): Storage {
    const map = new Map<string, string>();
    return {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
      clear: () => map.clear(),
      key: () => null,
      get length() {
        return map.size;
      },
    };
  }

  it("round-trips under its namespaced key and ignores anything malformed", () => {
    const storage = memoryStorage();
    saveCredential({ kind: "guest" }, storage);
    expect(loadCredential(storage)).toEqual({ kind: "guest" });
    storage.setItem(CREDENTIAL_STORAGE_KEY, JSON.stringify({ kind: "api_key", apiKey: "not-a-key" }));
    expect(loadCredential(storage)).toBeNull();
    storage.setItem(CREDENTIAL_STORAGE_KEY, "{oops");
    expect(loadCredential(storage)).toBeNull();
  });

  it("keeps the sign-in dialog's device token, and nothing that is not one", () => {
    const storage = memoryStorage();
    expect(loadDeviceToken(storage)).toBeNull();
    saveDeviceToken("v1.tag.device.123.sig", storage);
    expect(loadDeviceToken(storage)).toBe("v1.tag.device.123.sig");
    for (const junk of [undefined, null, 42, "", "x".repeat(5000)]) saveDeviceToken(junk, storage);
    expect(loadDeviceToken(storage)).toBe("v1.tag.device.123.sig");
    storage.setItem(DEVICE_TOKEN_STORAGE_KEY, "y".repeat(5000));
    expect(loadDeviceToken(storage)).toBeNull();
  });

  it("names an API key by its prefix only", () => {
    const apiKey = "eaa_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    expect(describeCredential({ kind: "api_key", apiKey })).toBe("API key eaa_abcdefgh…");
    expect(describeCredential({ kind: "api_key", apiKey })).not.toContain(apiKey.slice(12));
  });
});

describe("sign-in dialog message", () => {
  const message = JSON.stringify({ type: SIGN_IN_MESSAGE_TYPE, session: fresh });

  it("accepts our own origin's session", () => {
    expect(readSignInMessage({ message, origin: ORIGIN }, ORIGIN)).toMatchObject({ access_token: "access-2" });
  });

  it("refuses another origin, a missing origin, and other shapes", () => {
    expect(readSignInMessage({ message, origin: "https://evil.example" }, ORIGIN)).toBeNull();
    expect(readSignInMessage({ message }, ORIGIN)).toBeNull();
    expect(readSignInMessage({ message: JSON.stringify({ type: "other", session: fresh }), origin: ORIGIN }, ORIGIN)).toBeNull();
    expect(readSignInMessage({ message: JSON.stringify({ type: SIGN_IN_MESSAGE_TYPE, session: { access_token: "x" } }), origin: ORIGIN }, ORIGIN)).toBeNull();
    expect(readSignInMessage({ message: "not json", origin: ORIGIN }, ORIGIN)).toBeNull();
  });
});

describe("signing out of the pane", () => {
  it("sends the refresh token with the access token, so the server revokes the whole session", async () => {
    const { fetcher, calls } = fakeFetch(() => Response.json({ ok: true }));
    expect(await revokeSession(session(3_600_000), fetcher)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe("/api/auth/logout");
    expect(calls[0].init.method).toBe("POST");
    expect(calls[0].init.credentials).toBe("omit");
    expect(authHeader(calls[0].init)).toBe("Bearer access-1");
    expect(new Headers(calls[0].init.headers).get("content-type")).toBe("application/json");
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ refresh_token: "refresh-1" });
  });

  it("does not refresh an expired access token first: the refresh token alone ends the session", async () => {
    const { fetcher, calls } = fakeFetch(() => Response.json({ ok: true }));
    await revokeSession(session(-60_000), fetcher);
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/logout"]);
  });

  it("has nothing to revoke for an API key or a guest, and never throws", async () => {
    const { fetcher, calls } = fakeFetch(() => Response.json({ ok: true }));
    expect(await revokeSession({ kind: "api_key", apiKey: "eaa_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" }, fetcher)).toBe(true);
    expect(await revokeSession({ kind: "guest" }, fetcher)).toBe(true);
    expect(calls).toHaveLength(0);
    const failing = (async () => {
      throw new TypeError("offline");
    }) as typeof fetch;
    expect(await revokeSession(session(3_600_000), failing)).toBe(false);
  });
});

// The pane's Microsoft sign-in: nested app authentication (MSAL, loaded only when the host
// supports it) first, then Office single sign-on, then nothing (the caller opens the dialog);
// a closed prompt is a cancellation, not a fallback; a Microsoft credential is renewed silently,
// the way it was obtained, before it expires and once after a 401.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuthorizedFetch, SessionExpiredError } from "@/lib/addin/auth/authorized-fetch";
import { describeCredential, loadCredential, microsoftCredential, saveCredential, type Credential } from "@/lib/addin/auth/credential";

const msal = vi.hoisted(() => ({
  created: [] as unknown[],
  silent: vi.fn(),
  popup: vi.fn(),
}));
vi.mock("@azure/msal-browser", () => ({
  createNestablePublicClientApplication: async (config: unknown) => {
    msal.created.push(config);
    return { acquireTokenSilent: msal.silent, acquireTokenPopup: msal.popup };
  },
}));

const { MicrosoftSignInCancelledError, MicrosoftSignInUnavailableError, microsoftScope, signInWithMicrosoft } = await import("@/lib/addin/auth/microsoft-sign-in");

const CLIENT_ID = "6f1c2a9e-3b7d-4c51-9e2a-0d4b8c7f1a23";
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const exp = Math.floor(Date.now() / 1000) + 3600;
const ssoToken = `${b64({ alg: "RS256" })}.${b64({ exp, preferred_username: "ada@contoso.example" })}.sig`;

const g = globalThis as Record<string, unknown>;
let getAccessToken: ReturnType<typeof vi.fn>;

function installOffice({ naa, sso }: { naa: boolean; sso: boolean }) {
  getAccessToken = vi.fn(async () => {
    if (sso) return ssoToken;
    throw Object.assign(new Error("The add-in does not support single sign-on."), { code: 13000 });
  });
  g.Office = {
    context: { requirements: { isSetSupported: (name: string, version: string) => name === "NestedAppAuth" && version === "1.1" && naa } },
    auth: { getAccessToken },
  };
}

beforeEach(() => {
  g.window = { location: { host: "addin.contoso.example" } };
  msal.created.length = 0;
  msal.silent.mockReset();
  msal.popup.mockReset();
});
afterEach(() => {
  delete g.Office;
  delete g.window;
});

describe("Microsoft sign-in in the pane", () => {
  it("asks for this deployment's access_as_user scope", () => {
    expect(microsoftScope(CLIENT_ID)).toBe(`api://addin.contoso.example/${CLIENT_ID}/access_as_user`);
  });

  it("uses Office single sign-on when nested app authentication is unavailable, without loading MSAL", async () => {
    installOffice({ naa: false, sso: true });
    const token = await signInWithMicrosoft(CLIENT_ID);
    expect(token).toEqual({ accessToken: ssoToken, expiresAt: exp * 1000, via: "office", email: "ada@contoso.example" });
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
    expect(msal.created).toHaveLength(0);
  });

  it("prefers nested app authentication: silent first, then the popup, and Office SSO is not asked", async () => {
    installOffice({ naa: true, sso: true });
    msal.silent.mockRejectedValue(Object.assign(new Error("interaction required"), { errorCode: "interaction_required" }));
    const expiresOn = new Date(Date.now() + 3_000_000);
    msal.popup.mockResolvedValue({ accessToken: "naa-token", expiresOn, account: { username: "grace@contoso.example" } });
    const token = await signInWithMicrosoft(CLIENT_ID);
    expect(token).toEqual({ accessToken: "naa-token", expiresAt: expiresOn.getTime(), via: "naa", email: "grace@contoso.example" });
    expect(msal.created).toEqual([{ auth: { clientId: CLIENT_ID, authority: "https://login.microsoftonline.com/common" } }]);
    expect(msal.silent).toHaveBeenCalledWith({ scopes: [`api://addin.contoso.example/${CLIENT_ID}/access_as_user`] });
    expect(getAccessToken).not.toHaveBeenCalled();
  });

  it("falls back to Office SSO when nested app authentication fails, and says why when both do", async () => {
    installOffice({ naa: true, sso: true });
    msal.silent.mockRejectedValue(new Error("no account"));
    msal.popup.mockRejectedValue(new Error("broker unavailable"));
    expect((await signInWithMicrosoft(CLIENT_ID)).via).toBe("office");

    installOffice({ naa: false, sso: false });
    const failure = await signInWithMicrosoft(CLIENT_ID).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MicrosoftSignInUnavailableError);
    expect((failure as Error).message).toMatch(/nested app authentication is not supported.*Office single sign-on failed \(13000\)/);
  });

  it("treats a closed prompt as a cancellation, not a reason to try something else", async () => {
    installOffice({ naa: true, sso: true });
    msal.silent.mockRejectedValue(new Error("interaction required"));
    msal.popup.mockRejectedValue(Object.assign(new Error("User cancelled the flow."), { errorCode: "user_cancelled" }));
    await expect(signInWithMicrosoft(CLIENT_ID)).rejects.toBeInstanceOf(MicrosoftSignInCancelledError);
    expect(getAccessToken).not.toHaveBeenCalled();

    installOffice({ naa: false, sso: false });
    getAccessToken.mockRejectedValue(Object.assign(new Error("User aborted"), { code: 13002 }));
    await expect(signInWithMicrosoft(CLIENT_ID)).rejects.toBeInstanceOf(MicrosoftSignInCancelledError);
  });

  it("renews silently through the same way only: no prompt, no popup", async () => {
    installOffice({ naa: true, sso: true });
    msal.silent.mockRejectedValue(new Error("interaction required"));
    await expect(signInWithMicrosoft(CLIENT_ID, { interactive: false, only: "naa" })).rejects.toBeInstanceOf(MicrosoftSignInUnavailableError);
    expect(msal.popup).not.toHaveBeenCalled();
    expect(getAccessToken).not.toHaveBeenCalled();

    const token = await signInWithMicrosoft(CLIENT_ID, { interactive: false, only: "office" });
    expect(token.via).toBe("office");
    expect(getAccessToken).toHaveBeenCalledWith({ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false });
  });
});

describe("signing in again before erasing the account", () => {
  it("makes nested app authentication prompt for a new sign-in, never using the silent cache", async () => {
    installOffice({ naa: true, sso: true });
    msal.silent.mockResolvedValue({ accessToken: "cached-token", expiresOn: new Date(Date.now() + 3_000_000), account: { username: "grace@contoso.example" } });
    msal.popup.mockResolvedValue({ accessToken: "fresh-token", expiresOn: new Date(Date.now() + 3_600_000), account: { username: "grace@contoso.example" } });
    const token = await signInWithMicrosoft(CLIENT_ID, { only: "naa", fresh: true, interactive: false });
    expect(token.accessToken).toBe("fresh-token");
    expect(msal.silent).not.toHaveBeenCalled();
    expect(msal.popup).toHaveBeenCalledWith({ scopes: [`api://addin.contoso.example/${CLIENT_ID}/access_as_user`], prompt: "login" });
  });

  it("is cancelled, not retried another way, when the person closes the prompt", async () => {
    installOffice({ naa: true, sso: true });
    msal.popup.mockRejectedValue(Object.assign(new Error("User cancelled the flow."), { errorCode: "user_cancelled" }));
    await expect(signInWithMicrosoft(CLIENT_ID, { fresh: true })).rejects.toBeInstanceOf(MicrosoftSignInCancelledError);
    expect(getAccessToken).not.toHaveBeenCalled();
  });
});

describe("a Microsoft credential", () => {
  const credential = (expiresInMs: number, accessToken = "ms-1"): Credential =>
    microsoftCredential({ accessToken, expiresAt: Date.now() + expiresInMs, via: "office", email: "ada@contoso.example" });

  function holderWith(current: Credential | null) {
    const holder = {
      current,
      get: () => holder.current,
      set: (next: Credential | null) => {
        holder.current = next;
      },
    };
    return holder;
  }

  it("is stored, read back and shown by its address", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => {
        store.set(k, v);
      },
      removeItem: (k: string) => {
        store.delete(k);
      },
    } as Storage;
    saveCredential(credential(60_000), storage);
    expect(loadCredential(storage)).toMatchObject({ kind: "microsoft", via: "office", user: { email: "ada@contoso.example" } });
    expect(describeCredential(credential(60_000))).toBe("ada@contoso.example");
  });

  it("is sent as a bearer token and renewed before it expires", async () => {
    const sent: (string | null)[] = [];
    const fetcher = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get("authorization"));
      return Response.json({ ok: true });
    }) as typeof fetch;
    const holder = holderWith(credential(10_000));
    const renew = vi.fn(async () => credential(3_600_000, "ms-2"));
    await createAuthorizedFetch(holder, fetcher, renew)("/api/settings");
    expect(renew).toHaveBeenCalledTimes(1);
    expect(sent).toEqual(["Bearer ms-2"]);
    expect(holder.current).toMatchObject({ kind: "microsoft", accessToken: "ms-2" });
  });

  it("is renewed once after a 401 and retried; the pane signs out when it cannot be renewed", async () => {
    const sent: (string | null)[] = [];
    const fetcher = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get("authorization");
      sent.push(auth);
      return auth === "Bearer ms-2" ? Response.json({ ok: true }) : Response.json({ error: { code: "unauthorized" } }, { status: 401 });
    }) as typeof fetch;
    const holder = holderWith(credential(3_600_000));
    const response = await createAuthorizedFetch(holder, fetcher, async () => credential(3_600_000, "ms-2"))("/api/settings");
    expect(response.status).toBe(200);
    expect(sent).toEqual(["Bearer ms-1", "Bearer ms-2"]);

    const dead = holderWith(credential(3_600_000));
    await expect(createAuthorizedFetch(dead, fetcher, async () => null)("/api/settings")).rejects.toBeInstanceOf(SessionExpiredError);
    expect(dead.current).toBeNull();
  });
});

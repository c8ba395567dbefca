// The pane's data controls for Microsoft users: the export is read through the pane's authorized
// fetch and saved under the server's file name; erasing asks Microsoft for a new sign-in first and
// sends that token (never the cached one) with the typed email; a closed or failed sign-in, a
// refusal and a network failure delete nothing and say why.
import { describe, expect, it, vi } from "vitest";
import { eraseMicrosoftAccount, exportAccountData } from "@/lib/addin/account-data";
import { MicrosoftSignInCancelledError, MicrosoftSignInUnavailableError, type MicrosoftToken } from "@/lib/addin/auth/microsoft-sign-in";

const freshToken = (via: MicrosoftToken["via"] = "naa"): MicrosoftToken => ({ accessToken: `fresh-${via}`, expiresAt: Date.now() + 3_600_000, via, email: "ada@contoso.example" });
const envelope = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
  Response.json({ error: { code, message, requestId: "req-12345678", ...extra } }, { status });

function recordingFetch(answer: () => Response) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetcher = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer();
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe("downloading my data", () => {
  it("returns the file and the server's file name", async () => {
    const { calls, fetcher } = recordingFetch(
      () => new Response('{"user":{"id":"u1"}}', { headers: { "Content-Type": "application/json", "Content-Disposition": 'attachment; filename="excel-ai-assistant-export-2026-12-06.json"' } }),
    );
    const result = await exportAccountData(fetcher);
    expect(calls.map((c) => c.url)).toEqual(["/api/account/export"]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.filename).toBe("excel-ai-assistant-export-2026-12-06.json");
    expect(JSON.parse(await result.data.blob.text())).toEqual({ user: { id: "u1" } });
  });

  it("keeps a strange file name out and passes the server's error on", async () => {
    const odd = await exportAccountData((async () => new Response("{}", { headers: { "Content-Disposition": 'attachment; filename="../../evil.exe"' } })) as typeof fetch);
    expect(odd.ok && odd.data.filename).toBe("excel-ai-assistant-export.json");
    const limited = await exportAccountData((async () => envelope(429, "rate_limited", "Too many requests.")) as typeof fetch);
    expect(limited).toMatchObject({ ok: false, error: { status: 429, code: "rate_limited", message: "Too many requests." } });
    const offline = await exportAccountData((async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch);
    expect(offline).toMatchObject({ ok: false, error: { code: "network" } });
  });
});

describe("deleting my account", () => {
  it("signs in again first and sends that new token with the typed email", async () => {
    const order: string[] = [];
    const signInAgain = vi.fn(async () => {
      order.push("sign-in");
      return freshToken();
    });
    const { calls, fetcher } = recordingFetch(() => {
      order.push("delete");
      return Response.json({ deleted: true });
    });
    const result = await eraseMicrosoftAccount({ confirm: "  Ada@Contoso.example ", signInAgain, baseFetch: fetcher });
    expect(result).toEqual({ ok: true, data: { deleted: true } });
    expect(order).toEqual(["sign-in", "delete"]);
    expect(calls[0].url).toBe("/api/account");
    expect(calls[0].init?.method).toBe("DELETE");
    expect(calls[0].init?.credentials).toBe("omit");
    expect(new Headers(calls[0].init?.headers).get("authorization")).toBe("Bearer fresh-naa");
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ confirm: "Ada@Contoso.example" });
  });

  it("asks nothing of Microsoft or the server without a confirmation", async () => {
    const signInAgain = vi.fn(async () => freshToken());
    const { fetcher } = recordingFetch(() => Response.json({ deleted: true }));
    const result = await eraseMicrosoftAccount({ confirm: "   ", signInAgain, baseFetch: fetcher });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request", message: "Type your account email to confirm." } });
    expect(signInAgain).not.toHaveBeenCalled();
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("deletes nothing when the sign-in is closed or unavailable, and says which", async () => {
    const { fetcher } = recordingFetch(() => Response.json({ deleted: true }));
    const closed = await eraseMicrosoftAccount({ confirm: "ada@contoso.example", signInAgain: async () => Promise.reject(new MicrosoftSignInCancelledError()), baseFetch: fetcher });
    expect(closed).toMatchObject({ ok: false, error: { message: "The Microsoft sign-in was closed, so nothing was deleted." } });
    const unavailable = await eraseMicrosoftAccount({ confirm: "ada@contoso.example", signInAgain: async () => Promise.reject(new MicrosoftSignInUnavailableError(["no"])), baseFetch: fetcher });
    expect(unavailable.ok).toBe(false);
    expect(!unavailable.ok && unavailable.error.message).toMatch(/nothing was deleted/);
    expect(fetcher).not.toHaveBeenCalled();
  });

  it("shows the server's reason for a refusal, with what to do when Office handed out an earlier sign-in", async () => {
    const mismatch = envelope(400, "bad_request", "it did not match this account's email, microsoft-x@accounts.invalid.", { reason: "confirmation_mismatch" });
    const wrong = await eraseMicrosoftAccount({ confirm: "ada@contoso.example", signInAgain: async () => freshToken(), baseFetch: (async () => mismatch) as typeof fetch });
    expect(wrong).toMatchObject({ ok: false, error: { status: 400, message: expect.stringContaining("microsoft-x@accounts.invalid") } });

    const stale = () => envelope(403, "forbidden", "Confirm it is you: sign in with Microsoft again.", { reason: "microsoft_reauthentication_required" });
    const viaNaa = await eraseMicrosoftAccount({ confirm: "ada@contoso.example", signInAgain: async () => freshToken("naa"), baseFetch: (async () => stale()) as typeof fetch });
    expect(!viaNaa.ok && viaNaa.error.message).toBe("Confirm it is you: sign in with Microsoft again.");
    const viaOffice = await eraseMicrosoftAccount({ confirm: "ada@contoso.example", signInAgain: async () => freshToken("office"), baseFetch: (async () => stale()) as typeof fetch });
    expect(!viaOffice.ok && viaOffice.error.message).toMatch(/sign out of Office \(File > Account\), sign in again/);
  });
});

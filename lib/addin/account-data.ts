// The task pane's GDPR controls for people signed in with Microsoft, who have no password and
// so no way into the dashboard: download everything stored about them (GET /api/account/export)
// and erase the account (DELETE /api/account). Erasing asks Microsoft for a new sign-in first:
// the server accepts it only with a Microsoft token issued within the last few minutes and the
// account's email typed as confirmation.
import type { ApiResult, Fetcher } from "./api-client";
import { errorFromThrown, readApiError } from "./api-error";
import { MicrosoftSignInCancelledError, type MicrosoftToken } from "./auth/microsoft-sign-in";
import { downloadBlob } from "@/lib/download-blob";

export interface AccountExport {
  blob: Blob;
  filename: string;
}

const FALLBACK_FILENAME = "excel-ai-assistant-export.json";

/** The export's file name from Content-Disposition, kept to safe characters. */
function filenameOf(response: Response): string {
  const match = /filename="?([^";]+)"?/i.exec(response.headers.get("content-disposition") ?? "");
  const name = match?.[1]?.replace(/[^\w.-]/g, "_");
  return name?.endsWith(".json") ? name : FALLBACK_FILENAME;
}

/** Everything the server stores about the signed-in user, as a JSON file's contents and name. */
export async function exportAccountData(fetcher: Fetcher): Promise<ApiResult<AccountExport>> {
  let response: Response;
  try {
    response = await fetcher("/api/account/export");
  } catch (error) {
    return { ok: false, error: errorFromThrown(error) };
  }
  if (!response.ok) return { ok: false, error: await readApiError(response) };
  return { ok: true, data: { blob: await response.blob(), filename: filenameOf(response) } };
}

/**
 * Erases the account of a Microsoft user: `signInAgain` obtains a new Microsoft token (an
 * interactive sign-in), which alone authorises the request, so a token cached earlier is never
 * what is sent. Nothing is asked of Microsoft when the confirmation is empty. A closed sign-in
 * window or an unavailable sign-in deletes nothing and says so.
 */
export async function eraseMicrosoftAccount({
  confirm,
  signInAgain,
  baseFetch = (...args) => globalThis.fetch(...args),
}: {
  confirm: string;
  signInAgain: () => Promise<MicrosoftToken>;
  baseFetch?: typeof fetch;
}): Promise<ApiResult<{ deleted: true }>> {
  const typed = confirm.trim();
  if (!typed) return { ok: false, error: { status: 0, code: "bad_request", message: "Type your account email to confirm." } };
  let token: MicrosoftToken;
  try {
    token = await signInAgain();
  } catch (error) {
    const message =
      error instanceof MicrosoftSignInCancelledError
        ? "The Microsoft sign-in was closed, so nothing was deleted."
        : "Microsoft could not confirm it is you here, so nothing was deleted. Sign out, sign in with Microsoft again and retry within 5 minutes.";
    return { ok: false, error: { status: 0, code: "reauthentication_failed", message } };
  }
  let response: Response;
  try {
    response = await baseFetch("/api/account", {
      method: "DELETE",
      credentials: "omit",
      headers: { Authorization: `Bearer ${token.accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ confirm: typed }),
    });
  } catch (error) {
    return { ok: false, error: errorFromThrown(error) };
  }
  if (response.ok) return { ok: true, data: { deleted: true } };
  const error = await readApiError(response);
  if (response.status === 403 && token.via === "office") {
    // Office's single sign-on hands out the token it already holds and cannot be asked for a new one.
    error.message = `${error.message} Excel gave an earlier Microsoft sign-in: sign out of Office (File > Account), sign in again, then retry.`;
  }
  return { ok: false, error };
}

/** Saves the export as a file through the browser's download. */
export function saveExport({ blob, filename }: AccountExport) {
  downloadBlob(blob, filename);
}

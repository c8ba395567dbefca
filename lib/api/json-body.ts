// Reads a JSON request body: bounded in size (read-body.ts), declared as JSON, parsed, and
// sanitised. The Content-Type must say JSON: a `text/plain` or form body is what a cross-site
// <form> or a "simple" fetch can send without a CORS preflight, so accepting it would let another
// site post JSON to us with the user's cookies.
import { AppError } from "@/lib/errors/app-error";
import { readBodyWithLimit } from "./read-body";
import { sanitizeJson } from "./sanitize-input";

/** `application/json` or a structured `application/<something>+json`, parameters allowed. */
function isJsonContentType(header: string | null): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type ?? "");
}

function requireJsonContentType(request: Request) {
  const header = request.headers.get("content-type");
  if (isJsonContentType(header)) return;
  const sent = header?.split(";")[0]?.trim();
  throw new AppError(
    "bad_request",
    sent
      ? `Send the body as JSON with Content-Type: application/json, not ${sent.slice(0, 100)}.`
      : "The request has no Content-Type: send the body as JSON with Content-Type: application/json.",
    { status: 415 },
  );
}

/**
 * The parsed body. `optional`: an empty body is `undefined` instead of a 400 (a route whose
 * every field is optional); a non-empty one must still be declared and well-formed JSON.
 */
export async function readJsonBody(request: Request, limit: number, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await readBodyWithLimit(request, limit);
  if (text.trim() === "") {
    if (options.optional) return undefined;
    throw new AppError("bad_request", "The request body is empty; send a JSON object.");
  }
  requireJsonContentType(request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return sanitizeJson(parsed, text);
  } catch {
    throw new AppError("bad_request", "The request body is nested too deeply.");
  }
}

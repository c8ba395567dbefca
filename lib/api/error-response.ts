// The one mapping from errors to the JSON error envelope of every /api answer (docs/api.md):
// {"error": {"code", "message", "requestId", ...details}}. Unknown errors become `internal`
// and their details go to the log only.
import { ZodError } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { ErrorEnvelope } from "./error-envelope";
import { logger } from "@/lib/observability/logger";

export function formatZodError(error: ZodError, where: string): string {
  const problems = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : where;
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : "";
  return `Invalid ${where}: ${problems.join("; ")}${more}`;
}

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) return new AppError("bad_request", formatZodError(error, "input"));
  logger.error({ err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, "unhandled error");
  return new AppError("internal", "Something went wrong on our side. Try again.");
}

export function errorResponse(error: unknown, requestId: string): Response {
  const appError = toAppError(error);
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "X-Request-Id": requestId, "Cache-Control": "no-store" });
  for (const [name, value] of Object.entries(appError.headers ?? {})) headers.set(name, value);
  const body: ErrorEnvelope = { error: { code: appError.code, message: appError.message, requestId, ...(appError.details ?? {}) } };
  return new Response(JSON.stringify(body), { status: appError.status, headers });
}

// The API key rule of the route guard: a key works only on routes that name one of its scopes;
// every other route needs a signed-in session. Refusals say which scope is missing, or that
// the action needs signing in, so a script's author knows what to change.
import { AppError } from "@/lib/errors/app-error";
import type { ApiKeyScope } from "./key-scopes";
import type { Principal } from "./principal";

const SESSION_REQUIRED =
  "API keys cannot do this: it needs a signed-in session (sign in to the dashboard, or use a session access token).";

/** The refusal of an API key where only a signed-in session may act. */
export function sessionRequired(message = SESSION_REQUIRED): AppError {
  return new AppError("forbidden", message, { details: { reason: "session_required" } });
}

export function requireKeyScope(principal: Principal, keyScope: ApiKeyScope | undefined): void {
  if (principal.kind !== "user" || principal.via !== "api_key") return;
  if (!keyScope) throw sessionRequired();
  if (!principal.scopes?.includes(keyScope)) {
    throw new AppError(
      "forbidden",
      `This API key lacks the \`${keyScope}\` scope. Create a key with the \`${keyScope}\` scope on the dashboard's API keys page.`,
      { details: { reason: "missing_scope", scope: keyScope } },
    );
  }
}

"use client";

// What went wrong with the last question, in the user's terms: a rate limit (with how long to
// wait, from Retry-After), a used-up plan (with the upgrade link the server sent), a session
// that needs signing in again, or the server's own message with its request id.
import { CircleAlert, Clock, Sparkles } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { safeUpgradeUrl, type ApiError } from "@/lib/addin/api-error";
import { openExternal } from "./open-external";
import { useCountdown } from "./use-countdown";

export function LimitNotice({ error, isGuest, onSignIn }: { error: ApiError; isGuest: boolean; onSignIn: () => void }) {
  const left = useCountdown(error.code === "rate_limited" ? error.retryAfterSeconds : undefined);
  const upgrade = safeUpgradeUrl(error.upgradeUrl, window.location.origin);

  if (error.code === "quota_exceeded" || (error.code === "rate_limited" && upgrade)) {
    return (
      <Alert variant="warning" data-testid="upgrade-prompt">
        <Sparkles aria-hidden="true" />
        <AlertTitle>{error.code === "quota_exceeded" ? "You have reached your plan's limit" : "You are asking faster than your plan allows"}</AlertTitle>
        <AlertDescription>
          <p>{error.message}</p>
          <div className="flex flex-wrap gap-2 pt-1">
            {upgrade ? (
              <Button type="button" size="sm" onClick={() => openExternal(upgrade)}>
                {isGuest ? "Create a free account" : "See plans"}
              </Button>
            ) : null}
            {isGuest ? (
              <Button type="button" size="sm" variant="outline" onClick={onSignIn}>
                Sign in
              </Button>
            ) : null}
          </div>
        </AlertDescription>
      </Alert>
    );
  }
  if (error.code === "rate_limited") {
    return (
      <Alert variant="warning" data-testid="rate-limit-notice">
        <Clock aria-hidden="true" />
        <AlertTitle>Too many questions in a short time</AlertTitle>
        <AlertDescription>
          <p>{left > 0 ? `Try again in ${left} second${left === 1 ? "" : "s"}.` : "You can ask again now."}</p>
        </AlertDescription>
      </Alert>
    );
  }
  if (error.code === "unauthorized") {
    return (
      <Alert variant="destructive">
        <CircleAlert aria-hidden="true" />
        <AlertTitle>Sign in again</AlertTitle>
        <AlertDescription>
          <p>{error.message}</p>
          <Button type="button" size="sm" variant="outline" onClick={onSignIn}>
            Sign in
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden="true" />
      <AlertDescription>
        <p>{error.message}</p>
        {error.requestId ? <p className="text-xs">Request id {error.requestId}</p> : null}
      </AlertDescription>
    </Alert>
  );
}

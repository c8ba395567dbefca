"use client";

import { useState } from "react";
import { LoaderCircle, LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { postJson } from "@/components/auth/post-json";

/**
 * Ends the session on the server (which clears the HttpOnly cookies), then does a full page
 * load of "/" so no signed-in state survives in the client router's memory.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    setError(null);
    const result = await postJson("/api/auth/logout");
    if (!result.ok) {
      setError(`Sign-out failed: ${result.message}`);
      setPending(false);
      return;
    }
    window.location.assign("/");
  }

  return (
    <div className="flex items-center gap-2">
      <span role="alert" className="text-xs text-destructive">
        {error}
      </span>
      <Button variant="outline" size="sm" onClick={signOut} disabled={pending} aria-busy={pending}>
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <LogOut aria-hidden="true" />}
        Sign out
      </Button>
    </div>
  );
}

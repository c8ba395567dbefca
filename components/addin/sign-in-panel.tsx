"use client";

// The first thing a new pane shows: sign in (Office dialog), create an account (in the browser,
// then sign in here), paste an API key, or continue as a guest (a few questions a day, nothing
// stored).
import { useState } from "react";
import { KeyRound, LoaderCircle, LogIn, UserPlus, UserRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FormError } from "@/components/auth/form-error";
import { API_KEY_PATTERN, sessionCredential, type Credential } from "@/lib/addin/auth/credential";
import { SignInCancelledError, signInWithDialog } from "@/lib/addin/auth/sign-in-dialog";
import { AddinMark } from "./addin-mark";
import { openExternal } from "./open-external";

export function SignInPanel({ inOffice, onCredential }: { inOffice: boolean; onCredential: (credential: Credential) => void }) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function signIn() {
    setError(null);
    setPending(true);
    try {
      onCredential(sessionCredential(await signInWithDialog()));
    } catch (e) {
      if (!(e instanceof SignInCancelledError)) setError(e instanceof Error ? e.message : "Sign-in failed.");
    } finally {
      setPending(false);
    }
  }

  function submitKey(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = apiKey.trim();
    if (!API_KEY_PATTERN.test(key)) {
      setError('That is not an API key: keys start with "eaa_". Create one on the dashboard under API keys.');
      return;
    }
    onCredential({ kind: "api_key", apiKey: key });
  }

  return (
    <div className="flex flex-1 flex-col gap-6 overflow-y-auto p-4">
      <div className="flex flex-col gap-2">
        <AddinMark as="h1" />
        <p className="text-sm text-muted-foreground">Select cells, ask a question, and approve exactly the changes you want.</p>
      </div>

      <div className="flex flex-col gap-2">
        <Button type="button" onClick={() => void signIn()} disabled={!inOffice || pending}>
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <LogIn aria-hidden="true" />}
          Sign in
        </Button>
        {!inOffice ? <p className="text-xs text-muted-foreground">Signing in opens an Office window; open this pane in Excel to use it.</p> : null}
        <p className="flex flex-wrap items-center gap-x-1 text-xs text-muted-foreground">
          New here?
          <Button
            type="button"
            variant="link"
            size="sm"
            className="h-auto p-0 text-xs"
            title="Opens the sign-up page in your browser"
            onClick={() => openExternal(new URL("/sign-up", window.location.origin).toString())}
          >
            <UserPlus aria-hidden="true" /> Create a free account
          </Button>
          then sign in here.
        </p>
      </div>

      <form onSubmit={submitKey} noValidate className="flex flex-col gap-2">
        <Label htmlFor="addin-api-key" className="flex items-center gap-1.5">
          <KeyRound aria-hidden="true" className="size-3.5" /> Or paste an API key
        </Label>
        <div className="flex gap-2">
          <Input id="addin-api-key" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="eaa_…" autoComplete="off" spellCheck={false} className="font-mono text-xs" />
          <Button type="submit" variant="outline">
            Use key
          </Button>
        </div>
      </form>

      <FormError id="addin-sign-in-panel-error" message={error} />

      <div className="flex flex-col gap-1 border-t pt-4">
        <Button type="button" variant="ghost" className="self-start" onClick={() => onCredential({ kind: "guest" })}>
          <UserRound aria-hidden="true" /> Continue as a guest
        </Button>
        <p className="text-xs text-muted-foreground">Guests get a few questions a day; nothing is saved.</p>
      </div>
    </div>
  );
}

"use client";

// The first thing a new pane shows: sign in, create an account (in the browser, then sign in
// here), paste an API key, or continue as a guest (a few questions a day, nothing stored).
// Signing in uses the Microsoft account Office is signed in with when the server accepts
// Microsoft sign-in (nested app authentication, then Office single sign-on), and otherwise — or
// when neither works here — the email and password form in an Office dialog.
import { useState } from "react";
import { KeyRound, LoaderCircle, LogIn, UserPlus, UserRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FormError } from "@/components/auth/form-error";
import { readApiError } from "@/lib/addin/api-error";
import { API_KEY_PATTERN, microsoftCredential, sessionCredential, type Credential } from "@/lib/addin/auth/credential";
import { MicrosoftSignInCancelledError, signInWithMicrosoft } from "@/lib/addin/auth/microsoft-sign-in";
import { SignInCancelledError, signInWithDialog } from "@/lib/addin/auth/sign-in-dialog";
import { AddinMark } from "./addin-mark";
import { openExternal } from "./open-external";

/**
 * A Microsoft credential the server accepts, or null (with the reason shown) when Microsoft
 * sign-in is not available here or the server refuses the token: the dialog comes next.
 * Throws MicrosoftSignInCancelledError when the user closed Microsoft's prompt.
 */
async function tryMicrosoft(clientId: string, say: (message: string) => void): Promise<Credential | null> {
  let token: Awaited<ReturnType<typeof signInWithMicrosoft>>;
  try {
    token = await signInWithMicrosoft(clientId);
  } catch (error) {
    if (error instanceof MicrosoftSignInCancelledError) throw error;
    return null;
  }
  // Asked once before the pane relies on it: a tenant the server does not admit is said here.
  const check = await fetch("/api/settings", { credentials: "omit", headers: { Authorization: `Bearer ${token.accessToken}` } }).catch(() => null);
  if (check?.ok) return microsoftCredential(token);
  say(
    check
      ? `Your Microsoft account could not sign in here. ${(await readApiError(check)).message} Use your email and password instead.`
      : "Could not reach the server. Check your connection and try again.",
  );
  return null;
}

export function SignInPanel({
  inOffice,
  microsoftClientId = null,
  notice = null,
  onCredential,
}: {
  inOffice: boolean;
  /** Set when the server accepts Microsoft sign-in. */
  microsoftClientId?: string | null;
  /** Something to tell whoever sees this screen next (the account was just deleted). */
  notice?: string | null;
  onCredential: (credential: Credential) => void;
}) {
  const [apiKey, setApiKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function signIn() {
    setError(null);
    setPending(true);
    try {
      const microsoft = microsoftClientId ? await tryMicrosoft(microsoftClientId, setError) : null;
      onCredential(microsoft ?? sessionCredential(await signInWithDialog()));
    } catch (e) {
      if (!(e instanceof SignInCancelledError || e instanceof MicrosoftSignInCancelledError)) setError(e instanceof Error ? e.message : "Sign-in failed.");
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
        {notice ? (
          <p role="status" className="rounded-md border px-3 py-2 text-sm">
            {notice}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-2">
        <Button type="button" onClick={() => void signIn()} disabled={!inOffice || pending}>
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <LogIn aria-hidden="true" />}
          Sign in
        </Button>
        {!inOffice ? <p className="text-xs text-muted-foreground">Signing in opens an Office window; open this pane in Excel to use it.</p> : null}
        {inOffice && microsoftClientId ? <p className="text-xs text-muted-foreground">Uses the Microsoft account you are signed in to Office with, when your organisation allows it.</p> : null}
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

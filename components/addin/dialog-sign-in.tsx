"use client";

// The sign-in form inside the Office dialog. It signs in against POST /api/auth/login and gives
// the session to the task pane with messageParent, addressed to our own origin only. Opened
// outside Office it signs nobody in silently: it says where to start instead.
import { useState } from "react";
import { CheckCircle2, LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FormError } from "@/components/auth/form-error";
import { readApiError } from "@/lib/addin/api-error";
import { sessionResponseSchema } from "@/lib/addin/auth/credential";
import { SIGN_IN_MESSAGE_TYPE } from "@/lib/addin/auth/sign-in-dialog";
import { loadDeviceToken, saveDeviceToken } from "@/lib/addin/auth/device-token";
import { waitForOffice } from "@/lib/addin/office-host";

type Phase = { kind: "form" } | { kind: "pending" } | { kind: "done" } | { kind: "not_in_office" };

export function DialogSignIn() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "form" });
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setError(null);
    setPhase({ kind: "pending" });
    let response: Response;
    try {
      response = await fetch("/api/auth/login", {
        method: "POST",
        credentials: "omit",
        headers: { "Content-Type": "application/json" },
        // Present (even as null), device_token asks for the renewed token back.
        body: JSON.stringify({ email: email.trim(), password, device_token: loadDeviceToken() }),
      });
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPhase({ kind: "form" });
      return;
    }
    if (!response.ok) {
      setError((await readApiError(response)).message);
      setPhase({ kind: "form" });
      return;
    }
    const payload: unknown = await response.json().catch(() => null);
    saveDeviceToken((payload as { device_token?: unknown } | null)?.device_token);
    const session = sessionResponseSchema.safeParse(payload);
    if (!session.success) {
      setError("The server's answer could not be read. Try again.");
      setPhase({ kind: "form" });
      return;
    }
    const office = await waitForOffice(5_000);
    if (!office || typeof Office.context?.ui?.messageParent !== "function") {
      setPhase({ kind: "not_in_office" });
      return;
    }
    Office.context.ui.messageParent(JSON.stringify({ type: SIGN_IN_MESSAGE_TYPE, session: session.data }), { targetOrigin: window.location.origin });
    setPhase({ kind: "done" });
  }

  if (phase.kind === "done") {
    return (
      <p role="status" className="flex items-center justify-center gap-2 text-sm">
        <CheckCircle2 aria-hidden="true" className="size-4 text-primary" /> Signed in. Returning to Excel…
      </p>
    );
  }
  if (phase.kind === "not_in_office") {
    return (
      <p role="status" className="text-center text-sm text-muted-foreground">
        You are signed in, but this window was not opened by the Excel add-in. Open the add-in in Excel and choose <strong>Sign in</strong> there.
      </p>
    );
  }

  const pending = phase.kind === "pending";
  return (
    <form onSubmit={onSubmit} noValidate aria-busy={pending} className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <Label htmlFor="addin-email">Email</Label>
        <Input id="addin-email" type="email" autoComplete="username" autoCapitalize="none" spellCheck={false} value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="addin-password">Password</Label>
        <Input id="addin-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <a href="/forgot-password?from=addin" className="self-end text-sm text-muted-foreground underline underline-offset-4 hover:text-primary">
          Forgot password?
        </a>
      </div>
      <FormError id="addin-sign-in-error" message={error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        No account yet?{" "}
        <a href="/sign-up" target="_blank" rel="noopener noreferrer" className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
          Sign up in your browser
        </a>
        , then sign in here.
      </p>
    </form>
  );
}

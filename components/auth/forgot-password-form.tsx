"use client";

// Asks for a reset link (POST /api/auth/reset/request). The answer is the same whether or not
// the email has an account, so the confirmation says "if"; focus moves to it so a screen reader
// hears it at once.
import { useEffect, useRef, useState } from "react";
import { MailCheck } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { EmailField, SubmitButton, SwitchAuthLink } from "./auth-fields";
import { FormError } from "./form-error";
import { postJson } from "./post-json";
import { useHydrated } from "./use-hydrated";

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ForgotPasswordForm({ signInHref }: { signInHref: string }) {
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sentTo) sentRef.current?.focus();
  }, [sentTo]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = email.trim();
    if (!EMAIL_SHAPE.test(trimmed)) {
      setError("Enter the email you sign in with, like name@example.com.");
      return;
    }
    setPending(true);
    setError(null);
    const result = await postJson("/api/auth/reset/request", { email: trimmed });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setSentTo(trimmed);
  }

  if (sentTo) {
    return (
      <div className="flex flex-col gap-5">
        <div ref={sentRef} tabIndex={-1} role="status" className="outline-none">
          <Alert>
            <MailCheck aria-hidden="true" />
            <AlertTitle>Check your email</AlertTitle>
            <AlertDescription>
              <p>
                If an account uses <span className="font-medium break-all text-foreground">{sentTo}</span>, a link to choose a new
                password is on its way. It works once, for 30 minutes. Check your spam folder too.
              </p>
            </AlertDescription>
          </Alert>
        </div>
        <SwitchAuthLink question="Remembered it?" href={signInHref} label="Back to sign in" />
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-busy={pending} aria-describedby="forgot-error" className="flex flex-col gap-5">
      <EmailField id="forgot-email" autoComplete="username" value={email} onChange={setEmail} invalid={error !== null} />
      <FormError id="forgot-error" message={error} />
      <SubmitButton pending={pending} disabled={!hydrated} label="Email me a reset link" pendingLabel="Sending…" />
      <SwitchAuthLink question="Remembered it?" href={signInHref} label="Back to sign in" />
    </form>
  );
}

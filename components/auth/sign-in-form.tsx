"use client";

import { useState } from "react";
import Link from "next/link";
import { EmailField, PasswordField, SubmitButton, SwitchAuthLink, authHref } from "./auth-fields";
import { FormError } from "./form-error";
import { useAuthSubmit } from "./use-auth-submit";
import { useHydrated } from "./use-hydrated";

/** Email + password sign-in against POST /api/auth/login. `next` was checked by the page. */
export function SignInForm({ next }: { next: string }) {
  const { pending, failure, setFailure, submit } = useAuthSubmit("/api/auth/login", next);
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setFailure({ message: "Enter your email and password.", status: 0 });
      return;
    }
    void submit({ email: email.trim(), password });
  }

  const wrongCredentials = failure?.status === 401;

  // method="post": a submit before hydration must never put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-busy={pending} aria-describedby="sign-in-error" className="flex flex-col gap-5">
      <EmailField id="sign-in-email" autoComplete="username" value={email} onChange={setEmail} invalid={wrongCredentials} />
      <PasswordField id="sign-in-password" autoComplete="current-password" value={password} onChange={setPassword} invalid={wrongCredentials}>
        <Link href={authHref("/forgot-password", next)} className="self-end text-sm text-muted-foreground underline underline-offset-4 hover:text-primary">
          Forgot password?
        </Link>
      </PasswordField>
      <FormError id="sign-in-error" message={failure?.message ?? null} />
      <SubmitButton pending={pending} disabled={!hydrated} label="Sign in" pendingLabel="Signing in…" />
      <SwitchAuthLink question="No account yet?" href={authHref("/sign-up", next)} label="Sign up" />
    </form>
  );
}

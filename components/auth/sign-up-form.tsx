"use client";

import Link from "next/link";
import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { EmailField, NewPasswordField, SubmitButton, SwitchAuthLink, authHref } from "./auth-fields";
import { FormError } from "./form-error";
import { clientPasswordProblem } from "./password-rules";
import { useAuthSubmit } from "./use-auth-submit";
import { useHydrated } from "./use-hydrated";

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Account creation against POST /api/auth/signup. `next` was checked by the page. */
export function SignUpForm({ next }: { next: string }) {
  const { pending, failure, setFailure, submit } = useAuthSubmit("/api/auth/signup", next);
  const hydrated = useHydrated();
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedEmail = email.trim();
    if (!EMAIL_SHAPE.test(trimmedEmail)) {
      setFailure({ message: "Enter a valid email address, like name@example.com.", reason: "invalid_email", status: 0 });
      return;
    }
    const problem = clientPasswordProblem(password);
    if (problem) {
      setFailure({ message: problem, reason: "weak_password", status: 0 });
      return;
    }
    const name = displayName.trim();
    void submit({ email: trimmedEmail, password, ...(name ? { displayName: name } : {}) });
  }

  const emailTaken = failure?.reason === "email_taken";
  const emailProblem = emailTaken || failure?.reason === "invalid_email" || /email/i.test(failure?.message ?? "");
  const passwordProblem = !emailProblem && /password/i.test(failure?.message ?? "");
  const signInHref = authHref("/sign-in", next);

  // method="post": a submit before hydration must never put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-busy={pending} aria-describedby="sign-up-error" className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <Label htmlFor="sign-up-name">
          Name <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input
          id="sign-up-name"
          name="displayName"
          autoComplete="name"
          maxLength={100}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
      </div>
      <EmailField id="sign-up-email" autoComplete="email" value={email} onChange={setEmail} invalid={emailProblem} />
      <NewPasswordField id="sign-up-password" name="password" value={password} onChange={setPassword} invalid={passwordProblem} />
      <FormError id="sign-up-error" message={failure?.message ?? null} />
      {emailTaken ? (
        <p className="-mt-2 text-sm">
          <Link href={signInHref} className="font-medium underline underline-offset-4 hover:text-primary">
            Sign in with this email instead
          </Link>
        </p>
      ) : null}
      <SubmitButton pending={pending} disabled={!hydrated} label="Create account" pendingLabel="Creating your account…" />
      <SwitchAuthLink question="Already have an account?" href={signInHref} label="Sign in" />
    </form>
  );
}

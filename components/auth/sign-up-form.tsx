"use client";

import Link from "next/link";
import { useState } from "react";
import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FormError } from "./form-error";
import { PasswordHints } from "./password-hints";
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
  const signInHref = next === "/dashboard" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;

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
      <div className="flex flex-col gap-2">
        <Label htmlFor="sign-up-email">Email</Label>
        <Input
          id="sign-up-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={emailProblem || undefined}
        />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="sign-up-password">Password</Label>
        <Input
          id="sign-up-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={passwordProblem || undefined}
          aria-describedby="sign-up-password-hints"
        />
        <PasswordHints id="sign-up-password-hints" password={password} />
      </div>
      <FormError id="sign-up-error" message={failure?.message ?? null} />
      {emailTaken ? (
        <p className="-mt-2 text-sm">
          <Link href={signInHref} className="font-medium underline underline-offset-4 hover:text-primary">
            Sign in with this email instead
          </Link>
        </p>
      ) : null}
      <Button type="submit" disabled={pending || !hydrated} className="w-full">
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href={signInHref} className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
          Sign in
        </Link>
      </p>
    </form>
  );
}

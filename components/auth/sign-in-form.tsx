"use client";

import Link from "next/link";
import { useState } from "react";
import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
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
  const signUpHref = next === "/dashboard" ? "/sign-up" : `/sign-up?next=${encodeURIComponent(next)}`;

  // method="post": a submit before hydration must never put the password in the URL.
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-busy={pending} aria-describedby="sign-in-error" className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <Label htmlFor="sign-in-email">Email</Label>
        <Input
          id="sign-in-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={wrongCredentials || undefined}
        />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="sign-in-password">Password</Label>
        <Input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={wrongCredentials || undefined}
        />
      </div>
      <FormError id="sign-in-error" message={failure?.message ?? null} />
      <Button type="submit" disabled={pending || !hydrated} className="w-full">
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        No account yet?{" "}
        <Link href={signUpHref} className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
          Sign up
        </Link>
      </p>
    </form>
  );
}

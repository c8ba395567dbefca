"use client";

// The parts the sign-in and sign-up forms share: the email and password fields (labelled, with
// the autocomplete hints password managers need), the submit button that shows it is working,
// and the link across to the other form, which keeps where the user was going.
import Link from "next/link";
import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

interface FieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}

export function EmailField({ id, value, onChange, invalid, autoComplete }: FieldProps & { autoComplete: "username" | "email" }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>Email</Label>
      <Input
        id={id}
        name="email"
        type="email"
        inputMode="email"
        autoComplete={autoComplete}
        autoCapitalize="none"
        spellCheck={false}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
      />
    </div>
  );
}

export function PasswordField({
  id,
  value,
  onChange,
  invalid,
  autoComplete,
  hintsId,
  children,
}: FieldProps & { autoComplete: "current-password" | "new-password"; hintsId?: string; children?: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>Password</Label>
      <Input
        id={id}
        name="password"
        type="password"
        autoComplete={autoComplete}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={hintsId}
      />
      {children}
    </div>
  );
}

export function SubmitButton({ pending, disabled, label, pendingLabel }: { pending: boolean; disabled: boolean; label: string; pendingLabel: string }) {
  return (
    <Button type="submit" disabled={pending || disabled} className="w-full">
      {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
      {pending ? pendingLabel : label}
    </Button>
  );
}

/** The other auth page, carrying `next` along unless it is the default. */
export function authHref(path: "/sign-in" | "/sign-up", next: string): string {
  return next === "/dashboard" ? path : `${path}?next=${encodeURIComponent(next)}`;
}

export function SwitchAuthLink({ question, href, label }: { question: string; href: string; label: string }) {
  return (
    <p className="text-center text-sm text-muted-foreground">
      {question}{" "}
      <Link href={href} className="font-medium text-foreground underline underline-offset-4 hover:text-primary">
        {label}
      </Link>
    </p>
  );
}

"use client";

// The parts the sign-in and sign-up forms share: the email and password fields (labelled, with
// the autocomplete hints password managers need), the submit button that shows it is working,
// and the link across to the other form, which keeps where the user was going.
import Link from "next/link";
import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PasswordHints } from "./password-hints";

interface FieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
}

/** A labelled input for one credential; `children` go under it (hints). */
function CredentialField({
  label,
  id,
  value,
  onChange,
  invalid,
  describedBy,
  children,
  ...input
}: FieldProps & { label: string; describedBy?: string; children?: React.ReactNode } & Pick<
    React.ComponentProps<"input">,
    "name" | "type" | "inputMode" | "autoComplete" | "autoCapitalize" | "spellCheck"
  >) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        {...input}
        id={id}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
      {children}
    </div>
  );
}

export function EmailField(props: FieldProps & { autoComplete: "username" | "email" }) {
  return <CredentialField {...props} label="Email" name="email" type="email" inputMode="email" autoCapitalize="none" spellCheck={false} />;
}

export function PasswordField({
  hintsId,
  label = "Password",
  name = "password",
  ...props
}: FieldProps & { autoComplete: "current-password" | "new-password"; hintsId?: string; label?: string; name?: string; children?: React.ReactNode }) {
  return <CredentialField {...props} label={label} name={name} type="password" describedBy={hintsId} />;
}

/** A field for choosing a password, with the rules it must meet shown live under it. */
export function NewPasswordField({ id, ...props }: FieldProps & { label?: string; name?: string }) {
  const hintsId = `${id}-hints`;
  return (
    <PasswordField name="new-password" {...props} id={id} autoComplete="new-password" hintsId={hintsId}>
      <PasswordHints id={hintsId} password={props.value} />
    </PasswordField>
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
export function authHref(path: "/sign-in" | "/sign-up" | "/forgot-password", next: string): string {
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

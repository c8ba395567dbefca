"use client";

// Changing the password (POST /api/auth/password): the current one proves it is the owner, the
// new one follows the sign-up rules. Every other device is signed out; this browser gets a
// fresh session in the answer's cookies. The outcome takes the focus, so it is heard at once.
import { useEffect, useRef, useState } from "react";
import { CircleCheck } from "lucide-react";
import { NewPasswordField, PasswordField, SubmitButton } from "@/components/auth/auth-fields";
import { FormError } from "@/components/auth/form-error";
import { clientPasswordProblem } from "@/components/auth/password-rules";
import { useHydrated } from "@/components/auth/use-hydrated";
import { fetchApi } from "@/components/dashboard/fetch-api";
import { Alert, AlertDescription } from "@/components/ui/alert";

export function ChangePassword() {
  const hydrated = useHydrated();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field: "current" | "new" | null } | null>(null);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    if (!current) {
      setError({ message: "Type your current password.", field: "current" });
      return;
    }
    const problem = clientPasswordProblem(next);
    if (problem) {
      setError({ message: problem, field: "new" });
      return;
    }
    setPending(true);
    setError(null);
    const result = await fetchApi("/api/auth/password", { method: "POST", json: { currentPassword: current, newPassword: next } });
    setPending(false);
    if (!result.ok) {
      const field = result.reason === "wrong_password" ? "current" : /password/i.test(result.message) && result.status === 400 ? "new" : null;
      setError({ message: `Your password was not changed: ${result.message}`, field });
      if (result.reason === "wrong_password") setCurrent("");
      errorRef.current?.focus();
      return;
    }
    setCurrent("");
    setNext("");
    setDone(true);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-busy={pending} aria-describedby="change-password-error" className="flex max-w-sm flex-col gap-5">
      <PasswordField
        id="change-password-current"
        label="Current password"
        name="current-password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        invalid={error?.field === "current"}
      />
      <NewPasswordField id="change-password-new" label="New password" value={next} onChange={setNext} invalid={error?.field === "new"} />
      <div ref={errorRef} tabIndex={-1} className="outline-none">
        <FormError id="change-password-error" message={error?.message ?? null} />
      </div>
      <div ref={doneRef} tabIndex={-1} role="status" className="outline-none">
        {done ? (
          <Alert>
            <CircleCheck aria-hidden="true" />
            <AlertDescription>Password changed. Every other device was signed out; this one stays signed in.</AlertDescription>
          </Alert>
        ) : null}
      </div>
      <SubmitButton pending={pending} disabled={!hydrated} label="Change password" pendingLabel="Changing…" />
    </form>
  );
}

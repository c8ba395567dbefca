"use client";

// Sets a new password from an emailed link (POST /api/auth/reset/confirm), then goes to the
// dashboard signed in. The link's token arrives as ?token= (local accounts) or, from Supabase
// Auth's recovery email, as a recovery session in the URL fragment (#access_token=...), which
// never reaches a server log. A link that is already dead says so before anything is typed.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CircleAlert } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { NewPasswordField, SubmitButton } from "./auth-fields";
import { FormError } from "./form-error";
import { clientPasswordProblem } from "./password-rules";
import { postJson } from "./post-json";
import { useHydrated } from "./use-hydrated";

type LinkState = { token: string } | { problem: string } | null;

const subscribe = () => () => {};

/** What the URL fragment says (Supabase's recovery redirect), read once in the browser. */
function fromFragment(): LinkState {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  if (fragment.get("error_code") || fragment.get("error"))
    return { problem: "This reset link has expired or was already used. Ask for a new one below." };
  const token = fragment.get("type") === "recovery" ? fragment.get("access_token") : null;
  return token ? { token } : null;
}

let fragmentState: LinkState | undefined;
function readFragmentOnce(): LinkState {
  if (fragmentState === undefined) {
    fragmentState = fromFragment();
    // The recovery session is a credential: keep it out of the address bar and history.
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return fragmentState;
}

export function ResetPasswordForm({ queryToken }: { queryToken: string | null }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const fragment = useSyncExternalStore(subscribe, readFragmentOnce, () => null);
  const link: LinkState = queryToken ? { token: queryToken } : fragment;
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; reason?: string } | null>(null);
  const deadRef = useRef<HTMLDivElement>(null);

  const deadLink = failure?.reason?.startsWith("reset_link_") ? failure.message : link && "problem" in link ? link.problem : null;

  useEffect(() => {
    if (deadLink) deadRef.current?.focus();
  }, [deadLink]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!link || !("token" in link)) return;
    const problem = clientPasswordProblem(password);
    if (problem) {
      setFailure({ message: problem });
      return;
    }
    setPending(true);
    setFailure(null);
    const result = await postJson("/api/auth/reset/confirm", { token: link.token, password });
    if (!result.ok) {
      setFailure({ message: result.message, reason: result.reason });
      setPending(false);
      return;
    }
    router.replace("/dashboard");
    router.refresh();
  }

  if (deadLink || (hydrated && !link)) {
    return (
      <div className="flex flex-col gap-5">
        <div ref={deadRef} tabIndex={-1} className="outline-none">
          <Alert variant="destructive">
            <CircleAlert aria-hidden="true" />
            <AlertTitle>This link cannot be used</AlertTitle>
            <AlertDescription>
              {deadLink ?? "This page needs the link from the password reset email. Open the link from the email, or ask for a new one."}
            </AlertDescription>
          </Alert>
        </div>
        <Link href="/forgot-password" className="text-center text-sm font-medium underline underline-offset-4 hover:text-primary">
          Ask for a new reset link
        </Link>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-busy={pending} aria-describedby="reset-error" className="flex flex-col gap-5">
      <NewPasswordField id="reset-password" label="New password" value={password} onChange={setPassword} invalid={failure !== null} />
      <FormError id="reset-error" message={failure?.message ?? null} />
      <SubmitButton pending={pending} disabled={!hydrated || !link} label="Set new password and sign in" pendingLabel="Saving…" />
      <p className="text-sm text-muted-foreground">Every device signed in to your account will be signed out.</p>
    </form>
  );
}

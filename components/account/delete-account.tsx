"use client";

// Erasure: deletes the account and everything in it. The user types their email to confirm and
// their password to prove it is them (the API checks both: a session left open is not enough),
// then the session is gone and the browser goes to the landing page with a full load, so
// nothing signed-in survives in memory.
import { useId, useState } from "react";
import { LoaderCircle, Trash2 } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { fetchApi } from "@/components/dashboard/fetch-api";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function DeleteAccount({ email }: { email: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Which field the error is about, so only that one is marked invalid. */
  const [errorField, setErrorField] = useState<"confirm" | "password" | null>(null);
  const matches = typed.trim().toLowerCase() === email.toLowerCase();

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setTyped("");
      setPassword("");
      setError(null);
      setErrorField(null);
    }
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!matches) {
      setError("Type your account email exactly as shown to confirm.");
      setErrorField("confirm");
      return;
    }
    if (!password) {
      setError("Type your password to confirm it is you.");
      setErrorField("password");
      return;
    }
    setPending(true);
    setError(null);
    setErrorField(null);
    const result = await fetchApi<{ deleted: boolean }>("/api/account", { method: "DELETE", json: { confirm: typed.trim(), password } });
    if (!result.ok) {
      setPending(false);
      setPassword("");
      setError(`Your account was not deleted: ${result.message}`);
      setErrorField(result.reason === "wrong_password" ? "password" : null);
      return;
    }
    window.location.assign("/");
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="destructive">
          <Trash2 aria-hidden="true" />
          Delete my account
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-busy={pending}>
          <DialogHeader>
            <DialogTitle>Delete your account?</DialogTitle>
            <DialogDescription>
              This deletes your account with every conversation, API key, setting and usage record, and cancels any paid
              subscription at once. It cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-confirm`} className="block leading-relaxed">
              Type <span className="font-mono break-all">{email}</span> to confirm
            </Label>
            <Input
              id={`${id}-confirm`}
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              aria-invalid={errorField === "confirm" ? true : undefined}
              aria-describedby={`${id}-error`}
            />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-password`}>Your password</Label>
            <Input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={errorField === "password" ? true : undefined}
              aria-describedby={`${id}-error`}
            />
          </div>
          <FormError id={`${id}-error`} message={error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="destructive" disabled={!matches || !password || pending}>
              {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
              Delete account for good
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

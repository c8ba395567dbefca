"use client";

// "Your data" in the pane's settings, for people signed in with Microsoft: they have no password,
// so the dashboard is out of reach and the pane is where they download their data and delete
// their account. Deleting takes two steps: type the account email, then sign in with Microsoft
// again (the server accepts only a token issued in the last few minutes).
import { Download, LoaderCircle, Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Fetcher } from "@/lib/addin/api-client";
import { eraseMicrosoftAccount, exportAccountData, saveExport } from "@/lib/addin/account-data";
import type { MicrosoftToken } from "@/lib/addin/auth/microsoft-sign-in";

export function AccountDataSection({
  email,
  fetcher,
  signInAgain,
  onDeleted,
}: {
  /** The address the pane shows for the account (the server names the right one if it differs). */
  email: string | null;
  fetcher: Fetcher;
  signInAgain: () => Promise<MicrosoftToken>;
  onDeleted: () => void;
}) {
  const [pending, setPending] = useState<"export" | "delete" | null>(null);
  const [note, setNote] = useState<{ kind: "status" | "error"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), hint: useId(), input: useId() };

  useEffect(() => {
    if (confirming) input.current?.focus();
  }, [confirming]);

  async function download() {
    setPending("export");
    setNote(null);
    const result = await exportAccountData(fetcher);
    setPending(null);
    if (!result.ok) {
      setNote({ kind: "error", text: `Your data could not be downloaded. ${result.error.message}` });
      return;
    }
    saveExport(result.data);
    setNote({ kind: "status", text: `Saved as ${result.data.filename}.` });
  }

  async function erase(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending("delete");
    setNote({ kind: "status", text: "Confirm with Microsoft in the window that opens…" });
    const result = await eraseMicrosoftAccount({ confirm: typed, signInAgain });
    setPending(null);
    if (result.ok) {
      onDeleted();
      return;
    }
    setNote({ kind: "error", text: result.error.message });
  }

  return (
    <section aria-labelledby={ids.title} className="flex flex-col gap-2 border-t pt-3">
      <h3 id={ids.title} className="font-medium">
        Your data
      </h3>
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" variant="outline" onClick={() => void download()} disabled={pending !== null}>
          {pending === "export" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Download aria-hidden="true" />} Download my data
        </Button>
        {confirming ? null : (
          <Button type="button" size="sm" variant="outline" onClick={() => setConfirming(true)} disabled={pending !== null}>
            <Trash2 aria-hidden="true" /> Delete account…
          </Button>
        )}
      </div>
      {confirming ? (
        <form onSubmit={(event) => void erase(event)} className="flex flex-col gap-2 rounded-md border border-destructive/50 p-2">
          <p id={ids.hint} className="text-xs">
            This deletes your account, conversations, usage and settings for good, and cancels any subscription. Microsoft will ask you to sign in once more to confirm.
          </p>
          <Label htmlFor={ids.input}>Type your account email{email ? ` (${email})` : ""}</Label>
          <Input
            ref={input}
            id={ids.input}
            type="email"
            autoComplete="off"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby={ids.hint}
            aria-invalid={note?.kind === "error" ? true : undefined}
            disabled={pending !== null}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" variant="destructive" disabled={pending !== null || typed.trim() === ""}>
              {pending === "delete" ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Trash2 aria-hidden="true" />} Delete my account
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              disabled={pending !== null}
              onClick={() => {
                setConfirming(false);
                setTyped("");
                setNote(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {note ? (
        <p role={note.kind === "error" ? "alert" : "status"} className={note.kind === "error" ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
          {note.text}
        </p>
      ) : null}
    </section>
  );
}

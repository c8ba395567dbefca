"use client";

// Account and write mode: who the pane acts as, how proposed changes are applied, sign out.
import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { describeCredential, type Credential } from "@/lib/addin/auth/credential";
import { WRITE_MODE_LABELS, WRITE_MODES, isWriteMode, type WriteMode } from "@/lib/addin/write-mode";

export function SettingsPanel({
  credential,
  writeMode,
  writeModeNote,
  onWriteModeChange,
  onSignOut,
}: {
  credential: Credential;
  writeMode: WriteMode;
  writeModeNote: string | null;
  onWriteModeChange: (mode: WriteMode) => void;
  onSignOut: () => void;
}) {
  return (
    <section aria-label="Settings" className="flex flex-col gap-3 border-b bg-muted/40 p-3 text-sm">
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs text-muted-foreground">{credential.kind === "guest" ? "Not signed in" : "Signed in as"}</p>
          <p className="truncate font-medium" data-testid="account-name">
            {describeCredential(credential)}
          </p>
        </div>
        <Button type="button" size="sm" variant="outline" onClick={onSignOut}>
          <LogOut aria-hidden="true" /> {credential.kind === "guest" ? "Sign in" : "Sign out"}
        </Button>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="addin-write-mode">When the assistant proposes a change</Label>
        <select
          id="addin-write-mode"
          value={writeMode}
          onChange={(e) => isWriteMode(e.target.value) && onWriteModeChange(e.target.value)}
          className="h-8 rounded-md border border-input bg-background px-2 text-sm focus-visible:ring-[3px] focus-visible:ring-ring focus-visible:outline-none"
        >
          {WRITE_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {WRITE_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
        {writeModeNote ? <p className="text-xs text-muted-foreground">{writeModeNote}</p> : null}
      </div>
    </section>
  );
}

"use client";

// Account and write mode: who the pane acts as, the plan and what is left of it today and this
// month, how proposed changes are applied, the dashboard and help (opened in the browser), sign out,
// and (`children`) what the pane adds for some accounts, such as a Microsoft user's own data.
import { CircleHelp, ExternalLink, LayoutDashboard, LogOut, UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { describeCredential, type Credential } from "@/lib/addin/auth/credential";
import { openExternal } from "./open-external";
import { questionsLeftText, tokensLeftText, type QuotaLeft } from "@/lib/addin/quota";
import { WRITE_MODE_LABELS, WRITE_MODES, isWriteMode, type WriteMode } from "@/lib/addin/write-mode";

const PLAN_LABELS: Record<QuotaLeft["plan"], string> = { guest: "Guest", free: "Free plan", pro: "Pro plan", team: "Team plan" };

function open(path: string) {
  openExternal(new URL(path, window.location.origin).toString());
}

export function SettingsPanel({
  credential,
  quota,
  quotaNote,
  writeMode,
  writeModeNote,
  onWriteModeChange,
  onSignOut,
  children,
}: {
  credential: Credential;
  quota: QuotaLeft | null;
  quotaNote: string | null;
  writeMode: WriteMode;
  writeModeNote: string | null;
  onWriteModeChange: (mode: WriteMode) => void;
  onSignOut: () => void;
  children?: React.ReactNode;
}) {
  const guest = credential.kind === "guest";
  return (
    <section aria-labelledby="addin-settings-title" className="flex flex-col gap-3 border-b bg-muted/40 p-3 text-sm">
      <h2 id="addin-settings-title" className="sr-only">
        Settings
      </h2>
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
      <div className="flex flex-col gap-0.5" data-testid="plan-usage">
        <p className="font-medium">{quota ? PLAN_LABELS[quota.plan] : guest ? PLAN_LABELS.guest : "Your plan"}</p>
        {quota ? (
          <>
            <p className="text-xs text-muted-foreground">{questionsLeftText(quota)}</p>
            <p className="text-xs text-muted-foreground">{tokensLeftText(quota)}</p>
          </>
        ) : (
          <p className="text-xs text-muted-foreground">{quotaNote ?? (guest ? "Guests get a few questions a day; what is left shows after your first question." : "Reading what is left…")}</p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        {guest ? (
          <Button type="button" size="sm" variant="outline" onClick={() => open("/sign-up")}>
            <UserPlus aria-hidden="true" /> Create a free account
          </Button>
        ) : (
          <Button type="button" size="sm" variant="outline" onClick={() => open("/dashboard")} title="Opens in your browser">
            <LayoutDashboard aria-hidden="true" /> Dashboard <ExternalLink aria-hidden="true" className="size-3" />
          </Button>
        )}
        <Button type="button" size="sm" variant="outline" onClick={() => open("/#how-it-works")} title="Opens in your browser">
          <CircleHelp aria-hidden="true" /> Help <ExternalLink aria-hidden="true" className="size-3" />
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
      {children}
    </section>
  );
}

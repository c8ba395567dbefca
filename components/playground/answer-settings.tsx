"use client";

// How the assistant answers in the chosen space: the write mode and the model (the user's own
// settings, saved to their account as the pane's settings are), and whether personal data is
// masked. In a workspace its admins' policies cap these: choices past the cap are shown but
// disabled, with the reason, so the page says what the chat route will apply anyway.
import { useState } from "react";
import { ShieldCheck } from "lucide-react";
import { fetchApi } from "@/components/dashboard/fetch-api";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { effectiveWriteMode, type PaneWorkspace } from "@/lib/addin/workspaces";
import { isWriteMode, WRITE_MODE_LABELS, WRITE_MODES, type WriteMode } from "@/lib/addin/write-mode";
import type { AnswerPreferences, PlaygroundModel } from "./playground-space";

const RANK: Record<WriteMode, number> = { read_only: 0, ask: 1, auto: 2 };

function writeModeNote(space: PaneWorkspace | null, own: WriteMode, effective: WriteMode): string {
  const max = space?.policies.maxWriteMode;
  if (space && max) {
    const capped = effective !== own ? ` Your own setting (${WRITE_MODE_LABELS[own].toLowerCase()}) applies in your personal space.` : "";
    return max === "read_only"
      ? `${space.name}'s admins allow read-only answers: the assistant proposes no changes here.${capped}`
      : `${space.name}'s admins allow at most asking before each change.${capped}`;
  }
  if (effective === "auto") return "In the playground every proposed change still waits for Apply; changes apply by themselves in Excel.";
  if (effective === "read_only") return "The assistant only answers: it proposes no changes.";
  return "Proposed changes show as cards; nothing changes until you choose Apply.";
}

function modelNote(space: PaneWorkspace | null, models: readonly PlaygroundModel[], allowed: readonly PlaygroundModel[]): string {
  if (models.length === 0) return "This site answers with its offline analyst, which works from the statistics of your data.";
  const providers = space?.policies.allowedProviders;
  if (!space || !providers) return models.length === 1 ? `This site answers with ${models[0].label}.` : "Automatic tries each model in the site's order; a choice answers first.";
  if (allowed.length === 0) return `${space.name}'s admins allow only ${providers.join(", ")}, which this site does not use: the offline analyst answers and no data leaves the server.`;
  return `${space.name}'s admins allow only ${providers.join(", ")}: other models never see this space's data.`;
}

export function AnswerSettings({ space, models, initial }: { space: PaneWorkspace | null; models: readonly PlaygroundModel[]; initial: AnswerPreferences }) {
  const [saved, setSaved] = useState(initial);
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  const effective = effectiveWriteMode(saved.writeMode, space);
  const max = space?.policies.maxWriteMode ?? null;
  const allowedModels = models.filter((m) => m.allowed);
  const preferred = models.find((m) => m.value.toLowerCase() === saved.preferredModel?.toLowerCase()) ?? null;
  const modelValue = preferred && allowedModels.includes(preferred) ? preferred.value : "";
  const forced = Boolean(space?.policies.forcePiiRedaction);
  const masked = forced || saved.piiRedaction;

  async function save(changes: Partial<AnswerPreferences>) {
    setPending(true);
    setStatus(null);
    const result = await fetchApi<{ settings: AnswerPreferences }>("/api/settings", { method: "PATCH", json: changes });
    setPending(false);
    if (!result.ok) return setStatus({ error: true, text: `Not saved: ${result.message}` });
    const { writeMode, piiRedaction, preferredModel } = result.data.settings;
    setSaved({ writeMode, piiRedaction, preferredModel });
    setStatus({ error: false, text: "Saved to your account: it applies in Excel too." });
  }

  return (
    <section aria-labelledby="answer-settings-title" className="flex flex-col gap-3 rounded-xl border p-4 text-sm" data-testid="answer-settings">
      <h2 id="answer-settings-title" className="font-semibold">
        {space ? `How the assistant answers in ${space.name}` : "How the assistant answers"}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="answer-write-mode">Write mode</Label>
          <NativeSelect
            id="answer-write-mode"
            value={effective}
            disabled={pending}
            aria-describedby="answer-write-mode-note"
            onChange={(event) => isWriteMode(event.target.value) && void save({ writeMode: event.target.value })}
          >
            {WRITE_MODES.map((mode) => {
              const blocked = max !== null && RANK[mode] > RANK[max];
              return (
                <option key={mode} value={mode} disabled={blocked}>
                  {blocked ? `${WRITE_MODE_LABELS[mode]} (not allowed here)` : WRITE_MODE_LABELS[mode]}
                </option>
              );
            })}
          </NativeSelect>
          <p id="answer-write-mode-note" className="text-xs text-muted-foreground" data-testid="answer-write-mode-note">
            {writeModeNote(space, saved.writeMode, effective)}
          </p>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="answer-model">Model</Label>
          <NativeSelect
            id="answer-model"
            value={modelValue}
            disabled={pending || allowedModels.length === 0}
            aria-describedby="answer-model-note"
            onChange={(event) => void save({ preferredModel: event.target.value || null })}
          >
            <option value="">{allowedModels.length === 0 ? "Offline analyst" : "Automatic"}</option>
            {models.map((model) => {
              const blocked = !allowedModels.includes(model);
              return (
                <option key={model.value} value={model.value} disabled={blocked}>
                  {blocked ? `${model.label} (not allowed here)` : model.label}
                </option>
              );
            })}
          </NativeSelect>
          <p id="answer-model-note" className="text-xs text-muted-foreground" data-testid="answer-model-note">
            {modelNote(space, models, allowedModels)}
          </p>
        </div>
      </div>
      <p className="flex items-start gap-2 text-xs text-muted-foreground" data-testid="answer-pii">
        <ShieldCheck aria-hidden="true" className={masked ? "size-4 shrink-0 text-primary" : "size-4 shrink-0"} />
        <span>
          {forced
            ? `Personal data masking is on: ${space?.name}'s admins require it. Emails, phone and card numbers and IBANs are masked before they reach the model.`
            : masked
              ? "Personal data masking is on (your setting): emails, phone and card numbers and IBANs are masked before they reach the model."
              : "Personal data masking is off: turn it on in Settings to mask emails, phone and card numbers and IBANs."}
        </span>
      </p>
      <p role="status" className={status?.error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
        {status?.text ?? ""}
      </p>
    </section>
  );
}

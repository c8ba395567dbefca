"use client";

// The settings page's form: starts from my preferences as the server read them, sends only what
// changed, and shows what the server saved (its answer, not the form's guess).
import { useId, useState } from "react";
import { LoaderCircle } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { fetchApi } from "@/components/dashboard/fetch-api";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Switch } from "@/components/ui/switch";
import { RETENTION_MAX, RETENTION_MIN, WRITE_MODES, type ModelChoice, type Settings, type WriteMode } from "./settings-types";

interface Draft {
  displayName: string;
  preferredModel: string;
  writeMode: WriteMode;
  piiRedaction: boolean;
  retentionDays: string;
}

const toDraft = (s: Settings): Draft => ({
  displayName: s.displayName ?? "",
  preferredModel: s.preferredModel ?? "",
  writeMode: s.writeMode,
  piiRedaction: s.piiRedaction,
  retentionDays: String(s.retentionDays),
});

function retentionError(text: string): string | null {
  if (!/^\d+$/.test(text.trim())) return `Enter a whole number of days from ${RETENTION_MIN} to ${RETENTION_MAX.toLocaleString("en-US")}.`;
  const days = Number(text);
  if (days < RETENTION_MIN || days > RETENTION_MAX) return `Keep conversations between ${RETENTION_MIN} and ${RETENTION_MAX.toLocaleString("en-US")} days.`;
  return null;
}

/** Only the fields that differ from what the server holds. */
function changes(saved: Settings, draft: Draft): Partial<Settings> {
  const out: Partial<Settings> = {};
  const displayName = draft.displayName.trim() || null;
  const preferredModel = draft.preferredModel.trim() || null;
  if (displayName !== saved.displayName) out.displayName = displayName;
  if (preferredModel !== saved.preferredModel) out.preferredModel = preferredModel;
  if (draft.writeMode !== saved.writeMode) out.writeMode = draft.writeMode;
  if (draft.piiRedaction !== saved.piiRedaction) out.piiRedaction = draft.piiRedaction;
  if (Number(draft.retentionDays) !== saved.retentionDays) out.retentionDays = Number(draft.retentionDays);
  return out;
}

/**
 * `initial`: my preferences as the server read them. `models`: the models this site offers, in
 * the order it tries them (a preference puts one first; the server accepts only these).
 */
export function SettingsForm({ initial, models }: { initial: Settings; models: readonly ModelChoice[] }) {
  const id = useId();
  const [saved, setSaved] = useState<Settings>(initial);
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [saveError, setSaveError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState(false);
  const [touched, setTouched] = useState(false);

  const retentionProblem = touched ? retentionError(draft.retentionDays) : null;
  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setStatus("");
  };

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    setSaveError(null);
    if (retentionError(draft.retentionDays)) {
      setSaveError("Fix the highlighted fields, then save again.");
      return;
    }
    const body = changes(saved, draft);
    if (Object.keys(body).length === 0) {
      setStatus("Nothing changed.");
      return;
    }
    setPending(true);
    const result = await fetchApi<{ settings: Settings }>("/api/settings", { method: "PATCH", json: body });
    setPending(false);
    if (!result.ok) {
      setSaveError(`Not saved: ${result.message}`);
      return;
    }
    setSaved(result.data.settings);
    setDraft(toDraft(result.data.settings));
    setTouched(false);
    setStatus("Settings saved.");
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={pending} className="flex flex-col gap-6">
      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>Profile and model</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-name`}>Display name</Label>
            <Input
              id={`${id}-name`}
              autoComplete="name"
              maxLength={100}
              value={draft.displayName}
              onChange={(event) => update({ displayName: event.target.value })}
            />
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-model`}>Preferred model</Label>
            <NativeSelect
              id={`${id}-model`}
              value={draft.preferredModel}
              onChange={(event) => update({ preferredModel: event.target.value })}
              aria-describedby={`${id}-model-help`}
            >
              <option value="">Automatic (recommended)</option>
              {models.map((model) => (
                <option key={model.value} value={model.value}>
                  {model.label}
                </option>
              ))}
              {saved.preferredModel && !models.some((m) => m.value.toLowerCase() === saved.preferredModel?.toLowerCase()) ? (
                <option value={saved.preferredModel}>{saved.preferredModel} (not offered here any more)</option>
              ) : null}
            </NativeSelect>
            <p id={`${id}-model-help`} className="text-sm text-muted-foreground">
              {models.length === 0
                ? "This site answers with its offline analyst, which works from the statistics of your data; there is no model to choose yet."
                : models.length === 1
                  ? `This site answers with ${models[0].label}.`
                  : `Automatic tries ${models.map((m) => m.label).join(", then ")}. Choose one to have it answer you first; the others stay as fallbacks.`}
            </p>
          </div>
        </CardContent>
      </Card>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2 id={`${id}-write-title`}>Write mode</h2>
          </CardTitle>
          <CardDescription>What the Excel add-in does when the assistant proposes a change to your workbook.</CardDescription>
        </CardHeader>
        <CardContent>
          <RadioGroup
            aria-labelledby={`${id}-write-title`}
            value={draft.writeMode}
            onValueChange={(value) => update({ writeMode: value as WriteMode })}
          >
            {WRITE_MODES.map((mode) => (
              <div key={mode.value} className="flex items-start gap-3 rounded-lg border p-3 has-[[data-state=checked]]:border-primary/60">
                <RadioGroupItem id={`${id}-mode-${mode.value}`} value={mode.value} aria-describedby={`${id}-mode-${mode.value}-help`} className="mt-0.5" />
                <div className="flex flex-col gap-1">
                  <Label htmlFor={`${id}-mode-${mode.value}`}>{mode.label}</Label>
                  <p id={`${id}-mode-${mode.value}-help`} className="text-sm text-muted-foreground">
                    {mode.description}
                  </p>
                </div>
              </div>
            ))}
          </RadioGroup>
        </CardContent>
      </Card>

      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>Privacy</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <div className="flex items-start gap-3">
            <Switch
              id={`${id}-pii`}
              checked={draft.piiRedaction}
              onCheckedChange={(checked) => update({ piiRedaction: checked })}
              aria-describedby={`${id}-pii-help`}
              className="mt-0.5"
            />
            <div className="flex flex-col gap-1">
              <Label htmlFor={`${id}-pii`}>Redact personal data</Label>
              <p id={`${id}-pii-help`} className="text-sm text-muted-foreground">
                Before your question and cells are sent to a model, email addresses, phone numbers, card-like numbers and
                IBAN-like numbers are replaced with placeholders such as [EMAIL]. Card numbers and IBANs are recognised by
                their checksums, so dates, amounts and invoice numbers are left alone.
              </p>
            </div>
          </div>
          <div className="flex flex-col gap-2">
            <Label htmlFor={`${id}-retention`}>Keep conversations for (days)</Label>
            <Input
              id={`${id}-retention`}
              inputMode="numeric"
              className="w-32"
              value={draft.retentionDays}
              onChange={(event) => update({ retentionDays: event.target.value })}
              onBlur={() => setTouched(true)}
              aria-invalid={retentionProblem ? true : undefined}
              aria-describedby={`${id}-retention-help ${id}-retention-error`}
            />
            <p id={`${id}-retention-help`} className="text-sm text-muted-foreground">
              From {RETENTION_MIN} to {RETENTION_MAX.toLocaleString("en-US")} days. Older conversations are deleted for good
              by the daily clean-up.
            </p>
            <p id={`${id}-retention-error`} className="text-sm text-destructive">
              {retentionProblem}
            </p>
          </div>
        </CardContent>
      </Card>

      <FormError id={`${id}-save`} message={saveError} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
          Save settings
        </Button>
        <p role="status" className="text-sm text-muted-foreground">
          {status}
        </p>
      </div>
    </form>
  );
}

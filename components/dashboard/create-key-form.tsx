"use client";

import { useId, useState } from "react";
import { LoaderCircle, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FormError } from "@/components/auth/form-error";
import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/key-scopes";
import { createKey, type CreatedApiKey } from "./api-keys-client";

/**
 * Names a key and chooses what it may do (every scope ticked to start with), then creates it;
 * the parent shows the key that comes back.
 */
export function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>([...API_KEY_SCOPES]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ field: "name" | "scopes" | "form"; message: string } | null>(null);

  function toggle(scope: ApiKeyScope, on: boolean) {
    setScopes((current) => API_KEY_SCOPES.filter((s) => (s === scope ? on : current.includes(s))));
    if (error?.field === "scopes") setError(null);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError({ field: "name", message: "Give the key a name, so you can tell it apart later." });
      return;
    }
    if (scopes.length === 0) {
      setError({ field: "scopes", message: "Choose at least one thing this key may do." });
      return;
    }
    setPending(true);
    setError(null);
    const result = await createKey(trimmed, scopes);
    setPending(false);
    if (!result.ok) {
      setError({ field: "form", message: result.message });
      return;
    }
    setName("");
    setScopes([...API_KEY_SCOPES]);
    onCreated(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={pending} className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <Label htmlFor="api-key-name">Key name</Label>
        <Input
          id="api-key-name"
          name="name"
          autoComplete="off"
          maxLength={100}
          placeholder="e.g. Excel on my laptop"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={error?.field === "name" ? true : undefined}
          aria-describedby="api-key-name-error"
        />
        <FormError id="api-key-name-error" message={error?.field === "name" ? error.message : null} />
      </div>
      <fieldset className="flex flex-col gap-3" aria-describedby={`${id}-scopes-help ${id}-scopes-error`}>
        <legend className="text-sm font-medium">What this key may do</legend>
        <p id={`${id}-scopes-help`} className="-mt-1 text-xs text-muted-foreground">
          Anything else — managing keys, settings, billing, export, deleting history or the account — needs you signed in.
        </p>
        {API_KEY_SCOPES.map((scope) => (
          <div key={scope} className="flex items-start gap-3">
            <Checkbox
              id={`${id}-${scope}`}
              checked={scopes.includes(scope)}
              onCheckedChange={(value) => toggle(scope, value === true)}
              aria-describedby={`${id}-${scope}-description`}
              aria-invalid={error?.field === "scopes" ? true : undefined}
              className="mt-0.5"
            />
            <div className="flex flex-col gap-0.5">
              <Label htmlFor={`${id}-${scope}`}>{API_KEY_SCOPE_DESCRIPTIONS[scope].label}</Label>
              <p id={`${id}-${scope}-description`} className="text-xs text-muted-foreground">
                {API_KEY_SCOPE_DESCRIPTIONS[scope].description}
              </p>
            </div>
          </div>
        ))}
        <FormError id={`${id}-scopes-error`} message={error?.field === "scopes" ? error.message : null} />
      </fieldset>
      <FormError id={`${id}-error`} message={error?.field === "form" ? error.message : null} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Plus aria-hidden="true" />}
          Create key
        </Button>
      </div>
    </form>
  );
}

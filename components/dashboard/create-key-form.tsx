"use client";

import { useState } from "react";
import { LoaderCircle, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { FormError } from "@/components/auth/form-error";
import { createKey, type CreatedApiKey } from "./api-keys-client";

/** Names and creates a key; the parent shows the key that comes back. */
export function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give the key a name, so you can tell it apart later.");
      return;
    }
    setPending(true);
    setError(null);
    const result = await createKey(trimmed);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setName("");
    onCreated(result.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={pending} className="flex flex-col gap-3">
      <div className="flex flex-col gap-2">
        <Label htmlFor="api-key-name">Key name</Label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Input
            id="api-key-name"
            name="name"
            autoComplete="off"
            maxLength={100}
            placeholder="e.g. Excel on my laptop"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby="api-key-name-error"
          />
          <Button type="submit" disabled={pending} className="sm:w-auto">
            {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Plus aria-hidden="true" />}
            Create key
          </Button>
        </div>
      </div>
      <FormError id="api-key-name-error" message={error} />
    </form>
  );
}

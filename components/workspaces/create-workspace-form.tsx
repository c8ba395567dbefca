"use client";

// Names a new workspace and creates it, with me as its owner; then opens it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LoaderCircle, Plus } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createWorkspace } from "./workspaces-client";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await createWorkspace(name.trim());
    setPending(false);
    if (!result.ok) return setError(result.message);
    router.push(`/dashboard/workspaces/${result.data.id}`);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:max-w-md" noValidate>
      <Label htmlFor="workspace-name">New workspace</Label>
      <div className="flex gap-2">
        <Input
          id="workspace-name"
          value={name}
          maxLength={100}
          placeholder="e.g. Finance team"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "workspace-name-error" : undefined}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
        <Button type="submit" disabled={pending || name.trim() === ""}>
          {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Plus aria-hidden="true" />}
          Create
        </Button>
      </div>
      <FormError id="workspace-name-error" message={error} />
    </form>
  );
}

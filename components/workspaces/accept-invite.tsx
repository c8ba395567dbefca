"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { LoaderCircle } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";
import { acceptInvite } from "./workspaces-client";

export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onAccept() {
    setPending(true);
    const result = await acceptInvite(token);
    setPending(false);
    if (!result.ok) return setError(result.message);
    router.push(`/dashboard/workspaces/${result.data.workspaceId}`);
  }

  return (
    <div className="flex flex-col gap-2">
      <Button onClick={onAccept} disabled={pending} data-testid="accept-invite">
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : null}
        Join the workspace
      </Button>
      <FormError id="accept-invite-error" message={error} />
    </div>
  );
}

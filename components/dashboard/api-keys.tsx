"use client";

import Link from "next/link";
import { useState } from "react";
import useSWR from "swr";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { FormError } from "@/components/auth/form-error";
import { listKeys, revokeKey, type ApiKeySummary, type CreatedApiKey } from "./api-keys-client";
import { CreateKeyForm } from "./create-key-form";
import { KeyRow } from "./key-row";
import { NewKeyNotice } from "./new-key-notice";

type LoadState = { status: "loading" } | { status: "ready"; keys: ApiKeySummary[] } | { status: "error"; message: string; signedOut: boolean };

const KEYS_URL = "/api/keys";

class KeysLoadError extends Error {
  constructor(
    message: string,
    readonly signedOut: boolean,
  ) {
    super(message);
  }
}

async function fetchKeys(): Promise<ApiKeySummary[]> {
  const result = await listKeys();
  if (!result.ok) throw new KeysLoadError(result.message, result.status === 401);
  return result.data.keys;
}

/** The API keys page: create (scopes chosen, key shown once), list with scopes, revoke. */
export function ApiKeys() {
  const { data: keys, error, mutate } = useSWR<ApiKeySummary[], KeysLoadError>(KEYS_URL, fetchKeys, {
    // A signed-out answer will not fix itself by asking again.
    shouldRetryOnError: (err: KeysLoadError) => !err.signedOut,
  });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const load: LoadState = keys
    ? { status: "ready", keys }
    : error
      ? { status: "error", message: error.message, signedOut: error.signedOut }
      : { status: "loading" };

  function onCreated(key: CreatedApiKey) {
    setCreated(key);
    setActionError(null);
    const { key: _secret, ...summary } = key;
    // Only the summary joins the list; the secret lives in `created` until "Done".
    void mutate((current) => [summary, ...(current ?? []).filter((k) => k.id !== summary.id)], { revalidate: false });
  }

  async function onRevoke(id: string) {
    setActionError(null);
    const result = await revokeKey(id);
    if (!result.ok) {
      setActionError(`Could not revoke the key: ${result.message}`);
      return false;
    }
    void mutate((current) => (current ?? []).map((k) => (k.id === id ? result.data : k)), { revalidate: false });
    if (created?.id === id) setCreated(null);
    return true;
  }

  return (
    <div className="flex flex-col gap-6">
      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>Create a key</h2>
          </CardTitle>
          <CardDescription>
            Use it as <code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>, or paste it into the
            add-in.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <CreateKeyForm onCreated={onCreated} />
        </CardContent>
      </Card>

      {created ? <NewKeyNotice created={created} onDismiss={() => setCreated(null)} /> : null}

      <section aria-labelledby="your-keys-title" className="flex flex-col gap-3">
        <h2 id="your-keys-title" className="font-semibold">
          Your keys
        </h2>
        <FormError id="api-keys-action-error" message={actionError} />
        <KeyListBody load={load} onRevoke={onRevoke} onRetry={async () => {
            await mutate();
          }} />
      </section>
    </div>
  );
}

function KeyListBody({
  load,
  onRevoke,
  onRetry,
}: {
  load: LoadState;
  onRevoke: (id: string) => Promise<boolean>;
  onRetry: () => Promise<void>;
}) {
  if (load.status === "loading") {
    return (
      <div role="status" aria-busy="true" aria-label="Loading your keys" className="flex flex-col gap-2">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  }
  if (load.status === "error") {
    return (
      <div className="flex flex-col items-start gap-3">
        <FormError id="api-keys-load-error" message={`Your keys could not be loaded: ${load.message}`} />
        {load.signedOut ? (
          <Button asChild size="sm">
            <Link href="/sign-in?next=%2Fdashboard%2Fkeys">Sign in again</Link>
          </Button>
        ) : (
          <Button size="sm" variant="outline" onClick={() => void onRetry()}>
            Try again
          </Button>
        )}
      </div>
    );
  }
  if (load.keys.length === 0) {
    return <p className="rounded-xl border border-dashed p-6 text-sm text-muted-foreground">You have no API keys yet.</p>;
  }
  return (
    <ul className="divide-y rounded-xl border bg-card text-card-foreground">
      {load.keys.map((key) => (
        <KeyRow key={key.id} apiKey={key} onRevoke={onRevoke} />
      ))}
    </ul>
  );
}

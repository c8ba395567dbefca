"use client";

// GDPR access and portability: everything stored about me as one JSON file. Fetched rather than
// linked, so a refusal (rate limit, expired session) shows its message instead of a raw JSON page.
// The page is rendered again afterwards, so its security activity lists the export.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Download, LoaderCircle } from "lucide-react";
import { readApiResponse } from "@/components/auth/post-json";
import { FormError } from "@/components/auth/form-error";
import { downloadBlob } from "@/lib/download-blob";
import { Button } from "@/components/ui/button";

function fileNameFrom(disposition: string | null): string {
  const match = disposition ? /filename="([^"]+)"/.exec(disposition) : null;
  return match?.[1] ?? "excel-ai-assistant-export.json";
}

export function ExportData() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  async function exportData() {
    setPending(true);
    setError(null);
    setStatus("Preparing your export…");
    try {
      const response = await fetch("/api/account/export", { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) {
        const result = await readApiResponse(response);
        setError(`The export failed: ${result.ok ? "unexpected answer" : result.message}`);
        setStatus("");
        return;
      }
      downloadBlob(await response.blob(), fileNameFrom(response.headers.get("Content-Disposition")));
      setStatus("Your export has been downloaded.");
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setStatus("");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col items-start gap-3">
      <Button onClick={exportData} disabled={pending} variant="outline">
        {pending ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Download aria-hidden="true" />}
        Export my data (JSON)
      </Button>
      <p role="status" className="text-sm text-muted-foreground">
        {status}
      </p>
      <FormError id="export-error" message={error} />
    </div>
  );
}

"use client";

// The conversation page's actions: export it as JSON (what GET /api/conversations/:id answers,
// fetched when asked for, so the file is the API's own shape) and delete it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Download, LoaderCircle, Trash2 } from "lucide-react";
import { FormError } from "@/components/auth/form-error";
import { ConfirmAction } from "@/components/dashboard/confirm-action";
import { downloadBlob } from "@/lib/download-blob";
import { Button } from "@/components/ui/button";
import { deleteConversation, getConversation } from "./history-client";

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "conversation";
}

export function ConversationActions({ id, title, createdAt }: { id: string; title: string; createdAt: string }) {
  const router = useRouter();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exportJson() {
    setExporting(true);
    setError(null);
    const result = await getConversation(id);
    setExporting(false);
    if (!result.ok) {
      setError(`The export failed: ${result.message}`);
      return;
    }
    const file = new Blob([JSON.stringify(result.data, null, 2)], { type: "application/json" });
    downloadBlob(file, `conversation-${createdAt.slice(0, 10)}-${slug(title)}.json`);
  }

  async function remove() {
    const result = await deleteConversation(id);
    if (!result.ok) return `Not deleted: ${result.message}`;
    router.push("/dashboard/history");
    router.refresh();
    return null;
  }

  return (
    <div className="flex shrink-0 flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={exportJson} disabled={exporting}>
          {exporting ? <LoaderCircle aria-hidden="true" className="animate-spin" /> : <Download aria-hidden="true" />}
          Export JSON
        </Button>
        <ConfirmAction
          trigger={
            <Button variant="outline" size="sm" className="text-destructive">
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          }
          title="Delete this conversation?"
          description={`“${title}” and its messages are deleted for good.`}
          confirmLabel="Delete conversation"
          onConfirm={remove}
        />
      </div>
      <FormError id="conversation-export-error" message={error} />
    </div>
  );
}

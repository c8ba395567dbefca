import type { Metadata } from "next";
import { ApiKeys } from "@/components/dashboard/api-keys";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireUser("/dashboard/keys");
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let scripts and the Excel add-in chat, read your history or read your usage as you — only what you allow each key. Treat them like passwords."
      />
      <ApiKeys />
    </>
  );
}

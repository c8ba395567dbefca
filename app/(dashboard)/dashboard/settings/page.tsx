import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireUser } from "@/lib/auth/current-user";
import { getProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { runtimeModes } from "@/lib/env";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser("/dashboard/settings");
  const ai = runtimeModes().ai;
  return (
    <>
      <PageHeader title="Settings" description="How the assistant behaves for you." />
      <SettingsForm aiMode={ai === "offline" ? "offline" : ai.join(">")} models={getProviderChain().providers.map((p) => p.modelId)} />
    </>
  );
}

import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireUser } from "@/lib/auth/current-user";
import { getProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { getPreferences } from "@/lib/db/profiles";
import { runtimeModes } from "@/lib/env";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/dashboard/settings");
  const ai = runtimeModes().ai;
  const load = await loadSection(getPreferences({ claims: user.claims }));
  return (
    <>
      <PageHeader title="Settings" description="How the assistant behaves for you." />
      {load.ok ? (
        <SettingsForm
          initial={load.data}
          aiMode={ai === "offline" ? "offline" : ai.join(">")}
          models={getProviderChain().providers.map((p) => p.modelId)}
        />
      ) : (
        <SectionError id="settings-load-error" message={`Your settings could not be loaded: ${load.message}`} />
      )}
    </>
  );
}

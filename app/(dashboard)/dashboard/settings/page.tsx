import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireUser } from "@/lib/auth/current-user";
import { modelOptions } from "@/lib/ai/providers/model-options";
import { getPreferences } from "@/lib/db/profiles";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/dashboard/settings");
  const load = await loadSection(getPreferences({ claims: user.claims }));
  return (
    <>
      <PageHeader title="Settings" description="How the assistant behaves for you." />
      {load.ok ? (
        <SettingsForm initial={load.data} models={modelOptions()} />
      ) : (
        <SectionError id="settings-load-error" message={`Your settings could not be loaded: ${load.message}`} />
      )}
    </>
  );
}

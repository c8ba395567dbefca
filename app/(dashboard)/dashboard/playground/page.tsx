import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { Playground } from "@/components/playground/playground";
import { requireUser } from "@/lib/auth/current-user";
import { ENTITLEMENTS } from "@/lib/limits/entitlements";
import { resolvePlan } from "@/lib/limits/resolve-plan";

export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage() {
  const user = await requireUser("/dashboard/playground");
  // The plan the chat route checks the context against, so the page can warn before sending. If it
  // cannot be read, the smallest signed-in limit is assumed; the server checks again anyway.
  const plan = await resolvePlan({ userId: user.userId, claims: user.claims }).catch(() => "free" as const);
  return (
    <>
      <PageHeader title="Playground" description="Ask the assistant about a workbook without opening Excel." />
      <Playground maxCells={ENTITLEMENTS[plan].maxCellsPerRequest} />
    </>
  );
}

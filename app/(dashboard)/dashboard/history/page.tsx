import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { HistoryList } from "@/components/history/history-list";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "History" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser("/dashboard/history");
  const params = await searchParams;
  const q = (first(params.q) ?? "").slice(0, 200);
  const page = Math.max(1, Math.min(5_000, Number.parseInt(first(params.page) ?? "1", 10) || 1));
  return (
    <>
      <PageHeader title="History" description="Your conversations from the add-in and the playground." />
      <HistoryList initialQuery={q} initialPage={page} />
    </>
  );
}

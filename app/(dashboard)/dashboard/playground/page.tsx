import type { Metadata } from "next";
import { NotAvailableYet } from "@/components/dashboard/not-available-yet";
import { PageHeader } from "@/components/dashboard/page-header";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage() {
  await requireUser("/dashboard/playground");
  return (
    <>
      <PageHeader title="Playground" description="Ask the assistant about a workbook without opening Excel." />
      <NotAvailableYet
        feature="The playground"
        willHold={[
          "Uploading an .xlsx workbook or a CSV file and choosing a sheet and range",
          "The analysis of that range: column types, statistics, missing values and insights",
          "A streamed chat about the data, with the formulas and charts it proposes",
        ]}
      />
    </>
  );
}

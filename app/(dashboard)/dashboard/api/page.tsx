import type { Metadata } from "next";
import { FileJson } from "lucide-react";
import { ApiReference } from "@/components/api-docs/api-reference";
import { PageHeader } from "@/components/dashboard/page-header";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/current-user";
import { buildOpenApiDocument, OPENAPI_DOCUMENT_PATH } from "@/lib/api/openapi/build-openapi-document";
import { readApiDocument } from "@/lib/api/openapi/read-document";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requireUser("/dashboard/api");
  // The published JSON, as a client downloads it, is what the page describes.
  const api = readApiDocument(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  return (
    <>
      <PageHeader
        title="API reference"
        description={`Every operation of the ${api.title}, version ${api.version}: what to send, what comes back, and how it can be refused.`}
      >
        <Button asChild variant="outline">
          <a href={OPENAPI_DOCUMENT_PATH} target="_blank" rel="noreferrer">
            <FileJson aria-hidden="true" />
            OpenAPI document (JSON)
          </a>
        </Button>
      </PageHeader>
      <ApiReference api={api} />
    </>
  );
}

// One operation of the API for people: method and path, what it does, who may call it and how
// often, what to send, what comes back, and how it can be refused.
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OperationView, ResponseView } from "@/lib/api/openapi/read-document";
import { FieldTable } from "./field-table";
import { InlineText, Prose } from "./inline-text";

/** Pretty JSON, with arrays of plain values (a row of cells) kept on one line. */
function formatExample(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*\n([^[\]{}]*?)\n\s*\]/g, (_, inner: string) => `[${inner.trim().split(/,\s*\n\s*/).join(", ")}]`);
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-2">
      <h4 className="text-sm font-semibold">{title}</h4>
      {children}
    </section>
  );
}

function ResponseBody({ response, operation }: { response: ResponseView; operation: OperationView }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm">
        <span className="font-mono font-semibold">{response.status}</span> <InlineText text={response.description} />
        {response.schemaName ? (
          <>
            {" "}
            (<code className="font-mono text-xs">{response.schemaName}</code>)
          </>
        ) : null}
      </p>
      <p className="text-xs text-muted-foreground">
        {response.mediaTypes.length > 0 ? <>As {response.mediaTypes.join(" or ")}. </> : null}
        {response.headers.length > 0 ? <>Headers: {response.headers.join(", ")}.</> : null}
      </p>
      {response.bodyDescription ? (
        <div className="flex flex-col gap-2 rounded-md border p-3 text-sm">
          <Prose text={response.bodyDescription} />
        </div>
      ) : null}
      {response.fields.length > 0 ? <FieldTable fields={response.fields} caption={`Fields of the ${response.status} answer to ${operation.method} ${operation.path}`} /> : null}
    </div>
  );
}

export function OperationCard({ operation, credentialLabels }: { operation: OperationView; credentialLabels: Record<string, string> }) {
  const credentials = operation.credentials.map(({ scheme, scopes }) => {
    const label = credentialLabels[scheme] ?? scheme;
    return scopes.length > 0 ? `${label} (with the ${scopes.map((s) => `\`${s}\``).join(", ")} ${scopes.length === 1 ? "scope" : "scopes"})` : label;
  });
  return (
    <Card id={operation.id} className="scroll-mt-20 gap-4" data-testid="api-operation">
      <CardHeader>
        <CardTitle>
          <h3 className="flex flex-wrap items-center gap-2 text-base">
            <Badge variant="outline" className="font-mono">
              {operation.method}
            </Badge>{" "}
            <code className="font-mono text-sm break-all">{operation.path}</code>
          </h3>
        </CardTitle>
        <CardDescription className="text-foreground">{operation.summary}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {operation.description ? (
          <div className="flex flex-col gap-2 text-sm text-muted-foreground">
            <Prose text={operation.description} />
          </div>
        ) : null}

        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Credentials</dt>
          <dd>
            <InlineText
              text={
                credentials.length === 0
                  ? "None needed."
                  : `${credentials.join(", ")}${operation.guestsAllowed ? " — or none: guests may call it within a small quota." : "."}`
              }
            />
          </dd>
          {operation.rateLimit ? (
            <>
              <dt className="font-medium">Rate limit</dt>
              <dd>{operation.rateLimit}</dd>
            </>
          ) : null}
        </dl>

        {operation.parameters.length > 0 ? (
          <Section title="Parameters">
            <FieldTable fields={operation.parameters} caption={`Parameters of ${operation.method} ${operation.path}`} />
          </Section>
        ) : null}

        {operation.requestBody ? (
          <Section title="Request body">
            <p className="text-xs text-muted-foreground">
              {operation.requestBody.mediaType}
              {operation.requestBody.schemaName ? (
                <>
                  , <code className="font-mono">{operation.requestBody.schemaName}</code>
                </>
              ) : null}
              {operation.requestBody.description ? (
                <>
                  . <InlineText text={operation.requestBody.description} />
                </>
              ) : null}
            </p>
            <FieldTable fields={operation.requestBody.fields} caption={`Request body of ${operation.method} ${operation.path}`} />
            {operation.requestBody.example !== undefined ? (
              <details className="text-sm">
                <summary className="cursor-pointer font-medium">Example</summary>
                <pre className="mt-2 max-h-80 overflow-auto rounded-md border bg-muted p-3 font-mono text-xs">
                  {formatExample(operation.requestBody.example)}
                </pre>
              </details>
            ) : null}
          </Section>
        ) : null}

        <Section title="Response">
          {operation.success.map((response) => (
            <ResponseBody key={response.status} response={response} operation={operation} />
          ))}
        </Section>

        {operation.errors.length > 0 ? (
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">Errors ({operation.errors.map((e) => e.status).join(", ")})</summary>
            <Table aria-label={`Errors of ${operation.method} ${operation.path}`} className="mt-2">
              <TableHeader>
                <TableRow>
                  <TableHead>Status</TableHead>
                  <TableHead className="w-full">Codes and meaning</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {operation.errors.map((error) => (
                  <TableRow key={error.status}>
                    <TableCell className="align-top font-mono">{error.status}</TableCell>
                    <TableCell className="min-w-64 whitespace-normal">
                      <InlineText text={error.description} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}

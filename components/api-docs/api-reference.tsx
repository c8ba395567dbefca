// The API reference page's body: how to call the API, a contents list, then every operation
// grouped by tag. A server component over the published OpenAPI document; no script needed.
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ApiDocumentView } from "@/lib/api/openapi/read-document";
import { InlineText, Prose } from "./inline-text";
import { OperationCard } from "./operation-card";

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** `accessToken` → "Access token", `apiKey` → "API key". */
function schemeLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().replace(/\bapi\b/g, "API");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function ApiReference({ api }: { api: ApiDocumentView }) {
  const credentialLabels = Object.fromEntries(api.securitySchemes.map((scheme) => [scheme.name, schemeLabel(scheme.name)]));
  return (
    <>
      <Card className="gap-4">
        <CardHeader>
          <CardTitle>
            <h2>Calling the API</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3 text-sm">
          {api.description ? <Prose text={api.description} /> : null}
          <ul className="flex flex-col gap-2" aria-label="Credentials">
            {api.securitySchemes.map((scheme) => (
              <li key={scheme.name}>
                <span className="font-medium">{credentialLabels[scheme.name]}</span>{" "}
                <span className="text-muted-foreground">
                  (<InlineText text={scheme.label} />)
                </span>
                {scheme.description ? (
                  <>
                    : <InlineText text={scheme.description} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>

      <nav aria-label="Operations" className="flex flex-col gap-3 rounded-xl border p-4 text-sm">
        <h2 className="font-semibold">Contents</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {api.tags.map((tag) => (
            <div key={tag.name} className="flex flex-col gap-1">
              <a href={`#${slug(tag.name)}`} className="inline-flex min-h-6 w-fit items-center font-medium underline-offset-4 hover:underline">
                {tag.name}
              </a>
              <ul className="flex flex-col gap-0.5">
                {tag.operations.map((operation) => (
                  <li key={operation.id}>
                    {/* At least 24px tall: a pointer or a finger hits the link it aims at. */}
                    <a href={`#${operation.id}`} className="inline-flex min-h-6 items-center text-muted-foreground underline-offset-4 hover:text-foreground hover:underline">
                      <span className="inline-block w-14 font-mono text-xs">{operation.method}</span>
                      <span className="font-mono text-xs break-all">{operation.path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>

      {api.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={slug(tag.name)} className="flex flex-col gap-4">
          <div className="flex flex-col gap-1">
            <h2 id={slug(tag.name)} className="scroll-mt-20 text-xl font-semibold tracking-tight">
              {tag.name}
            </h2>
            {tag.description ? (
              <p className="text-sm text-muted-foreground">
                <InlineText text={tag.description} />
              </p>
            ) : null}
          </div>
          {tag.operations.map((operation) => (
            <OperationCard key={operation.id} operation={operation} credentialLabels={credentialLabels} />
          ))}
        </section>
      ))}
    </>
  );
}

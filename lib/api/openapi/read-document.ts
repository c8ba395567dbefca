// Reads an OpenAPI 3.1 document into what a person scans on the API page: operations grouped by
// tag, each with its credentials, rate limit, parameters, request fields and answer fields as
// rows. It works on the published JSON (not on zod), so the page shows exactly what clients get.

type Json = Record<string, unknown>;

export interface FieldRow {
  /** Dotted path for nested fields (`metadata.usage.totalTokens`); `[]` marks array items. */
  name: string;
  depth: number;
  type: string;
  required: boolean;
  description?: string;
  /** Limits and defaults in words: `at most 100 characters`, `default 20`. */
  constraints: string[];
}

export interface ParameterRow extends Omit<FieldRow, "depth"> {
  in: string;
}

export interface ResponseView {
  status: string;
  description: string;
  mediaTypes: string[];
  headers: string[];
  /** Error codes this status can carry. */
  codes: string[];
  fields: FieldRow[];
  /** The schema's name when the body is a named schema (`ApiKey`). */
  schemaName?: string;
  /** Prose that describes a body that is not JSON (the chat stream). */
  bodyDescription?: string;
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  /** The credentials accepted (security scheme names, with the scopes a key needs); empty when none are needed. */
  credentials: { scheme: string; scopes: string[] }[];
  /** True when the operation also answers without credentials. */
  guestsAllowed: boolean;
  rateLimit?: string;
  parameters: ParameterRow[];
  requestBody?: { mediaType: string; schemaName?: string; fields: FieldRow[]; example?: unknown; description?: string };
  success: ResponseView[];
  errors: ResponseView[];
}

interface TagView {
  name: string;
  description?: string;
  operations: OperationView[];
}

interface SecuritySchemeView {
  name: string;
  label: string;
  description?: string;
}

export interface ApiDocumentView {
  title: string;
  version: string;
  description?: string;
  tags: TagView[];
  securitySchemes: SecuritySchemeView[];
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** Formats a reader recognises; others (zod's `starts_with`, …) say nothing a constraint would not. */
const KNOWN_FORMATS = new Set(["uuid", "date-time", "date", "time", "email", "uri", "url", "int32", "int64"]);
const MAX_DEPTH = 4;

const asObject = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function refName(ref: unknown): string | undefined {
  return typeof ref === "string" ? ref.split("/").at(-1) : undefined;
}

class SchemaReader {
  constructor(private readonly document: Json) {}

  /** Follows a `$ref` to its target (local references only), keeping siblings such as `description`. */
  resolve(schema: unknown): { schema: Json; name?: string } {
    const object = asObject(schema);
    const ref = asString(object.$ref);
    if (!ref?.startsWith("#/")) return { schema: object };
    let target: unknown = this.document;
    for (const part of ref.slice(2).split("/")) target = asObject(target)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    const { $ref: _ref, ...siblings } = object;
    return { schema: { ...asObject(target), ...siblings }, name: refName(ref) };
  }

  /** A short type label: `string`, `integer`, `array of Message`, `string | null`, `one of: a, b`. */
  typeOf(schema: unknown): string {
    const { schema: s, name } = this.resolve(schema);
    if (name && (s.type === "object" || s.properties)) return name;
    if (Array.isArray(s.enum)) return `one of: ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`;
    if ("const" in s) return JSON.stringify(s.const);
    const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
    if (Array.isArray(variants)) return [...new Set(variants.map((v) => this.typeOf(v)))].join(" | ");
    const type = Array.isArray(s.type) ? s.type.join(" | ") : asString(s.type);
    if (type === "array") return `array of ${this.typeOf(s.items)}`;
    if (type) return typeof s.format === "string" && KNOWN_FORMATS.has(s.format) ? `${type} (${s.format})` : type;
    if (s.properties) return "object";
    return name ?? "any";
  }

  constraintsOf(schema: unknown): string[] {
    const { schema: s } = this.resolve(schema);
    const out: string[] = [];
    const n = (key: string) => (typeof s[key] === "number" ? (s[key] as number) : undefined);
    const [minLength, maxLength, minimum, maximum, minItems, maxItems] = ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"].map(n);
    if (minLength !== undefined && minLength > 0) out.push(`at least ${minLength} ${minLength === 1 ? "character" : "characters"}`);
    if (maxLength !== undefined) out.push(`at most ${maxLength.toLocaleString("en-US")} characters`);
    // zod marks every integer with the safe-integer range; only a real bound is worth a word.
    if (minimum !== undefined && minimum > Number.MIN_SAFE_INTEGER) out.push(`minimum ${minimum}`);
    if (maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER) out.push(`maximum ${maximum.toLocaleString("en-US")}`);
    const items = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "item" : "items"}`;
    if (minItems !== undefined && minItems > 0) out.push(`at least ${items(minItems)}`);
    if (maxItems !== undefined) out.push(`at most ${items(maxItems)}`);
    if ("default" in s) out.push(`default ${JSON.stringify(s.default)}`);
    return out;
  }

  /** The object a schema describes, looking through `$ref`, nullable unions and arrays. */
  private objectWithin(schema: unknown, seen: Set<string>): { object: Json; suffix: string } | undefined {
    const { schema: s, name } = this.resolve(schema);
    if (name && seen.has(name)) return undefined;
    if (s.properties) return { object: s, suffix: "" };
    if (s.type === "array" && s.items) {
      const inner = this.objectWithin(s.items, seen);
      return inner && { object: inner.object, suffix: `[]${inner.suffix}` };
    }
    const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
    if (Array.isArray(variants)) {
      const objects = variants.map((v) => this.objectWithin(v, seen)).filter((v) => v !== undefined);
      // Only a single object among the variants is expanded; a union of shapes stays a type label.
      return objects.length === 1 ? objects[0] : undefined;
    }
    return undefined;
  }

  /** A field's own description, or that of the named schema it refers to. */
  descriptionOf(schema: unknown): string | undefined {
    const { schema: s } = this.resolve(schema);
    if (typeof s.description === "string") return s.description;
    const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
    for (const variant of Array.isArray(variants) ? variants : []) {
      const described = this.resolve(variant);
      if (described.name && typeof described.schema.description === "string") return described.schema.description;
    }
    return undefined;
  }

  /** Rows for every field of an object schema, nested fields below their parent (`a.b`, `items[].id`). */
  fields(schema: unknown, path = "", depth = 0, seen = new Set<string>()): FieldRow[] {
    const { name } = this.resolve(schema);
    const within = this.objectWithin(schema, seen);
    if (!within || depth > MAX_DEPTH) return [];
    // A named schema is expanded once per branch, so a schema that contains itself terminates.
    const nextSeen = name ? new Set([...seen, name]) : seen;
    const required = new Set((within.object.required as string[] | undefined) ?? []);
    const base = path || within.suffix ? `${path}${within.suffix}.` : "";
    const rows: FieldRow[] = [];
    for (const [key, value] of Object.entries(asObject(within.object.properties))) {
      const fieldName = `${base}${key}`;
      rows.push({
        name: fieldName,
        depth,
        type: this.typeOf(value),
        required: required.has(key),
        description: this.descriptionOf(value),
        constraints: this.constraintsOf(value),
      });
      rows.push(...this.fields(value, fieldName, depth + 1, nextSeen));
    }
    return rows;
  }
}

function response(reader: SchemaReader, status: string, raw: unknown): ResponseView {
  const r = reader.resolve(raw).schema;
  const content = asObject(r.content);
  const json = asObject(content["application/json"]);
  const other = Object.entries(content).find(([type]) => type !== "application/json");
  const fields = json.schema ? reader.fields(json.schema) : [];
  return {
    status,
    description: asString(r.description) ?? "",
    mediaTypes: Object.keys(content),
    headers: Object.keys(asObject(r.headers)),
    codes: Array.isArray(r["x-error-codes"]) ? (r["x-error-codes"] as string[]) : [],
    fields,
    schemaName: json.schema ? reader.resolve(json.schema).name : undefined,
    bodyDescription: other ? asString(reader.resolve(asObject(other[1]).schema).schema.description) : undefined,
  };
}

function rateLimitText(value: unknown): string | undefined {
  const described = asString(asObject(value).description);
  if (described) return described;
  const windows = asObject(value).windows;
  if (!Array.isArray(windows) || windows.length === 0) return undefined;
  return windows
    .map((w) => {
      const { limit, windowSeconds } = asObject(w) as { limit?: number; windowSeconds?: number };
      if (typeof limit !== "number" || typeof windowSeconds !== "number") return "";
      return windowSeconds === 60 ? `${limit} a minute` : `${limit} per ${windowSeconds / 60} minutes`;
    })
    .filter(Boolean)
    .join(", ");
}

function operation(reader: SchemaReader, method: string, path: string, raw: Json): OperationView {
  const security = Array.isArray(raw.security) ? (raw.security as Json[]) : [];
  const requestBody = reader.resolve(raw.requestBody).schema;
  const bodyContent = Object.entries(asObject(requestBody.content))[0];
  const bodySchema = bodyContent ? asObject(bodyContent[1]).schema : undefined;
  const resolvedBody = bodySchema ? reader.resolve(bodySchema) : undefined;
  const responses = Object.entries(asObject(raw.responses)).map(([status, value]) => response(reader, status, value));
  const rateLimit = rateLimitText(raw["x-rate-limit"]);
  // The description repeats the rate limit for tools that ignore `x-rate-limit`; the page shows it once.
  const description = asString(raw.description)
    ?.split(/\n\s*\n/)
    .filter((paragraph) => !(rateLimit && paragraph.trim() === `Rate limit: ${rateLimit}.`))
    .join("\n\n");
  return {
    id: asString(raw.operationId) ?? `${method}-${path}`,
    method: method.toUpperCase(),
    path,
    summary: asString(raw.summary) ?? "",
    description: description || undefined,
    credentials: security.flatMap((requirement) =>
      Object.entries(requirement).map(([scheme, scopes]) => ({ scheme, scopes: Array.isArray(scopes) ? scopes.map(String) : [] })),
    ),
    guestsAllowed: security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0),
    rateLimit,
    parameters: (Array.isArray(raw.parameters) ? raw.parameters : []).map((p) => {
      const param = reader.resolve(p).schema;
      return {
        name: asString(param.name) ?? "",
        in: asString(param.in) ?? "",
        type: reader.typeOf(param.schema),
        required: param.required === true,
        description: asString(param.description) ?? asString(reader.resolve(param.schema).schema.description),
        constraints: reader.constraintsOf(param.schema),
      };
    }),
    requestBody:
      bodyContent && resolvedBody
        ? {
            mediaType: bodyContent[0],
            schemaName: resolvedBody.name,
            fields: reader.fields(bodySchema),
            example: Array.isArray(resolvedBody.schema.examples) ? resolvedBody.schema.examples[0] : asObject(bodyContent[1]).example,
            description: asString(resolvedBody.schema.description),
          }
        : undefined,
    success: responses.filter((r) => r.status.startsWith("2")),
    errors: responses.filter((r) => !r.status.startsWith("2")),
  };
}

const SCHEME_LABELS: Record<string, string> = { http: "Authorization header", apiKey: "cookie or header" };

export function readApiDocument(input: unknown): ApiDocumentView {
  const document = asObject(input);
  const reader = new SchemaReader(document);
  const info = asObject(document.info);
  const tagOrder = (Array.isArray(document.tags) ? document.tags : []).map((t) => asObject(t));
  const tags = new Map<string, TagView>(tagOrder.map((t) => [String(t.name), { name: String(t.name), description: asString(t.description), operations: [] }]));
  for (const [path, item] of Object.entries(asObject(document.paths))) {
    for (const method of METHODS) {
      const raw = asObject(asObject(item)[method]);
      if (Object.keys(raw).length === 0) continue;
      const tagName = (Array.isArray(raw.tags) ? String(raw.tags[0]) : undefined) ?? "Other";
      const tag = tags.get(tagName) ?? { name: tagName, operations: [] };
      tags.set(tagName, tag);
      tag.operations.push(operation(reader, method, path, raw));
    }
  }
  const schemes = asObject(asObject(document.components).securitySchemes);
  return {
    title: asString(info.title) ?? "API",
    version: asString(info.version) ?? "",
    description: asString(info.description),
    tags: [...tags.values()].filter((t) => t.operations.length > 0),
    securitySchemes: Object.entries(schemes).map(([name, raw]) => {
      const scheme = asObject(raw);
      const where = scheme.type === "apiKey" ? `${asString(scheme.in)} \`${asString(scheme.name)}\`` : SCHEME_LABELS[String(scheme.type)];
      return { name, label: where ?? String(scheme.type), description: asString(scheme.description) };
    }),
  };
}

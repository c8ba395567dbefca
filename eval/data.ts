// Reads the public datasets the evaluation runs on. They come from the `vega-datasets` npm
// package (a dev dependency), which ships each file with its source and licence in
// `datapackage.json`; nothing is downloaded at run time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
/** The package's entry point is build/index.js; the files sit beside it in data/. */
const DATA_DIR = path.join(path.dirname(require.resolve("vega-datasets")), "..", "data");

/** A value as the dataset holds it (before anything is put in a sheet). */
export type Raw = string | number | boolean | null;
export type Row = Record<string, Raw>;

export function readJson(file: string): Row[] {
  return JSON.parse(readFileSync(path.join(DATA_DIR, file), "utf8")) as Row[];
}

/** RFC 4180 CSV (or TSV): quoted fields, doubled quotes; every field stays text. */
export function readDelimited(file: string, separator = ","): { headers: string[]; rows: string[][] } {
  const text = readFileSync(path.join(DATA_DIR, file), "utf8").replace(/\r\n?/g, "\n");
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [headers, ...rows] = records.filter((r) => r.length > 1 || r[0] !== "");
  return { headers, rows };
}

interface Resource {
  path: string;
  licenses?: { title?: string; name?: string; path?: string }[];
  sources?: { title?: string; path?: string }[];
}

let resources: Map<string, Resource> | null = null;

/** Source and licence of a dataset file, as its package documents them. */
export function provenance(file: string): { source: string; licence: string } {
  if (!resources) {
    const pkg = JSON.parse(readFileSync(path.join(DATA_DIR, "..", "datapackage.json"), "utf8")) as { resources: Resource[] };
    resources = new Map(pkg.resources.map((r) => [r.path, r]));
  }
  const r = resources.get(file);
  const source = r?.sources?.map((s) => [s.title, s.path].filter(Boolean).join(" — ")).join("; ") || "vega-datasets";
  const licence = r?.licenses?.map((l) => [l.title ?? l.name, l.path].filter(Boolean).join(" — ")).join("; ") || "BSD-3-Clause (vega-datasets package)";
  return { source: `${source} (via the vega-datasets npm package, file data/${file})`, licence };
}

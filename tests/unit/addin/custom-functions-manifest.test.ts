// The manifest's custom-functions parts, the metadata Excel reads and the script it names: the
// functions run in the task pane's shared runtime, every URL is on the serving origin, elements
// are in the order the schema requires, and the metadata's help text is the JSDoc of the
// functions themselves (the form Microsoft's tooling generates it from).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as functionsJson } from "@/app/addin/functions.json/route";
import { GET as functionsJs } from "@/app/addin/functions.js/route";
import { buildManifest } from "@/lib/addin/build-manifest";
import { buildFunctionsMetadata } from "@/lib/addin/functions/functions-metadata";
import { allElements, child, parseXml, type XmlElement } from "@/tests/fixtures/addin/parse-xml";

const ORIGIN = "https://excel-ai.example.com";

function resources(root: XmlElement): Map<string, string> {
  const overrides = child(root, "VersionOverrides");
  return new Map(
    allElements(child(overrides, "Resources"))
      .filter((e) => e.attributes.id)
      .map((e) => [e.attributes.id, e.attributes.DefaultValue]),
  );
}

describe("the manifest's custom functions", () => {
  const root = parseXml(buildManifest(ORIGIN));
  const host = child(child(child(root, "VersionOverrides"), "Hosts"), "Host");
  const byId = resources(root);

  it("requires the shared runtime and runs the task pane page as it, for as long as the workbook is open", () => {
    const sets = allElements(child(root, "Requirements")).filter((e) => e.name === "Set");
    expect(sets.map((s) => s.attributes)).toContainEqual({ Name: "SharedRuntime", MinVersion: "1.1" });
    expect(host.children.map((c) => c.name)).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtime = child(child(host, "Runtimes"), "Runtime");
    expect(runtime.attributes).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    expect(byId.get("Taskpane.Url")).toBe(child(child(root, "DefaultSettings"), "SourceLocation").attributes.DefaultValue);
  });

  it("declares the CustomFunctions extension point in schema order, in the AI namespace, on the serving origin", () => {
    const point = child(child(host, "AllFormFactors"), "ExtensionPoint");
    expect(point.attributes["xsi:type"]).toBe("CustomFunctions");
    expect(point.children.map((c) => c.name)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    const url = (name: string) => byId.get(child(child(point, name), "SourceLocation").attributes.resid);
    expect(url("Script")).toBe(`${ORIGIN}/addin/functions.js`);
    expect(url("Page")).toBe(`${ORIGIN}/addin/taskpane`);
    expect(url("Metadata")).toBe(`${ORIGIN}/addin/functions.json`);
    expect(byId.get(child(point, "Namespace").attributes.resid)).toBe("AI");
  });

  it("points every deployment's functions at itself", () => {
    const preview = resources(parseXml(buildManifest("https://excel-ai-git-x.vercel.app")));
    expect(preview.get("Functions.Script.Url")).toBe("https://excel-ai-git-x.vercel.app/addin/functions.js");
    expect(preview.get("Functions.Metadata.Url")).toBe("https://excel-ai-git-x.vercel.app/addin/functions.json");
  });
});

/** The JSDoc of each function in custom-functions.ts: description, @customfunction id and @param lines. */
function jsDocFunctions() {
  const source = readFileSync(path.join(process.cwd(), "lib/addin/functions/custom-functions.ts"), "utf8");
  const blocks = [...source.matchAll(/\/\*\*([\s\S]*?)\*\//g)].map((m) => m[1].split("\n").map((line) => line.replace(/^\s*\* ?/, "").trim()).filter(Boolean));
  return blocks
    .filter((lines) => lines.some((line) => line.startsWith("@customfunction")))
    .map((lines) => {
      const [, id, name] = /@customfunction (\S+) (\S+)/.exec(lines.find((l) => l.startsWith("@customfunction")) ?? "") ?? [];
      const parameters = lines
        .filter((l) => l.startsWith("@param"))
        .map((l) => {
          const [, type, rawName, description] = /@param \{([^}]+)\} (\S+) (.*)/.exec(l) ?? [];
          const optional = rawName.startsWith("[");
          return { name: rawName.replace(/[[\]]/g, ""), type, description, optional };
        });
      const returns = /@returns \{Promise<([^>]+)>\}/.exec(lines.find((l) => l.startsWith("@returns")) ?? "")?.[1];
      return { id, name, description: lines.filter((l) => !l.startsWith("@")).join(" "), parameters, returns };
    });
}

describe("GET /addin/functions.json", () => {
  it("describes each function exactly as its JSDoc does", async () => {
    const response = await functionsJson(new Request(`${ORIGIN}/addin/functions.json`));
    expect(response.status).toBe(200);
    const metadata = await response.json();
    expect(metadata).toEqual(buildFunctionsMetadata());
    const docs = jsDocFunctions();
    expect(docs.map((d) => d.id)).toEqual(["ASK", "CLASSIFY", "EXTRACT"]);
    for (const doc of docs) {
      const fn = metadata.functions.find((f: { id: string }) => f.id === doc.id);
      expect(fn, doc.id).toBeDefined();
      expect(fn.name).toBe(doc.name);
      expect(fn.description).toBe(doc.description);
      expect(fn.result.type).toBe(doc.returns);
      expect(fn.parameters).toHaveLength(doc.parameters.length);
      doc.parameters.forEach((param, i) => {
        const meta = fn.parameters[i];
        expect(meta.name).toBe(param.name);
        expect(meta.description).toBe(param.description);
        expect(Boolean(meta.optional)).toBe(param.optional);
        expect(meta.dimensionality).toBe(param.type.endsWith("[][]") ? "matrix" : "scalar");
        expect(meta.type).toBe(param.type.replace("[][]", ""));
      });
    }
  });

  it("gives every argument and function Excel-ready help: a sentence with an example", () => {
    for (const fn of buildFunctionsMetadata().functions) {
      expect(fn.description).toMatch(/^[A-Z].{10,120}\.$/);
      for (const param of fn.parameters) expect(param.description).toMatch(/^[A-Z].*e\.g\. .+\.$/);
    }
  });
});

describe("GET /addin/functions.js", () => {
  it("serves a script that registers every function id, saying in the cell where the functions run", async () => {
    const response = await functionsJs(new Request(`${ORIGIN}/addin/functions.js`));
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    const script = await response.text();
    const associated: string[] = [];
    class FakeError extends Error {
      constructor(
        readonly code: string,
        message: string,
      ) {
        super(message);
      }
    }
    const api = { associate: (id: string, fn: () => unknown) => associated.push(id) && fn, Error: FakeError, ErrorCode: { notAvailable: "#N/A" } };
    new Function("CustomFunctions", "self", script)(api, {});
    expect(associated).toEqual(["ASK", "CLASSIFY", "EXTRACT"]);
  });
});

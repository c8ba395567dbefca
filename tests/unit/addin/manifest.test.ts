// The add-in manifest served at /addin/manifest.xml: well-formed XML (strict parser), elements
// in the order the OfficeApp schema requires, every URL on the origin that served it (so each
// preview deployment hands out a manifest for itself), a stable Id, and the icons it names
// exist and are real PNGs of the right size; with Microsoft sign-in configured, WebApplicationInfo
// closes VersionOverrides.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { GET } from "@/app/addin/manifest.xml/route";
import { ADDIN_ID, buildManifest } from "@/lib/addin/build-manifest";
import { allElements, child, parseXml, type XmlElement } from "@/tests/fixtures/addin/parse-xml";

async function fetchManifest(url: string, headers: Record<string, string> = {}) {
  const response = await GET(new Request(url, { headers }));
  return { response, text: await response.text() };
}

/** Every URL in the manifest: attribute values and element text that start with a scheme. */
function urlsIn(root: XmlElement): string[] {
  const urls: string[] = [];
  for (const element of allElements(root)) {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !name.startsWith("xmlns")) urls.push(value);
    }
    const text = element.text.trim();
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) urls.push(text);
  }
  return urls;
}

const TOP_LEVEL_ORDER = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];

describe("GET /addin/manifest.xml", () => {
  it("serves well-formed XML in schema order with every URL on the serving origin", async () => {
    const { response, text } = await fetchManifest("https://excel-ai.example.com/addin/manifest.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(response.headers.get("x-request-id")).toBeTruthy();

    const root = parseXml(text);
    expect(root.name).toBe("OfficeApp");
    expect(root.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(root.children.map((c) => c.name)).toEqual(TOP_LEVEL_ORDER);

    expect(child(root, "Id").text).toBe(ADDIN_ID);
    expect(ADDIN_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(child(child(root, "Hosts"), "Host").attributes.Name).toBe("Workbook");
    const set = child(child(child(root, "Requirements"), "Sets"), "Set");
    expect(set.attributes).toMatchObject({ Name: "ExcelApi", MinVersion: "1.9" });
    expect(child(root, "Permissions").text).toBe("ReadWriteDocument");
    expect(child(child(root, "DefaultSettings"), "SourceLocation").attributes.DefaultValue).toBe("https://excel-ai.example.com/addin/taskpane");

    const overrides = child(root, "VersionOverrides");
    expect(overrides.attributes["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(overrides.children.map((c) => c.name)).toEqual(["Hosts", "Resources"]);
    const form = child(child(child(overrides, "Hosts"), "Host"), "DesktopFormFactor");
    expect(form.children.map((c) => c.name)).toEqual(["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expect(child(overrides, "Resources").children.map((c) => c.name)).toEqual(["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]);
    const action = allElements(form).find((e) => e.name === "Action")!;
    expect(action.attributes["xsi:type"]).toBe("ShowTaskpane");

    // Every resid points at a resource that exists.
    const ids = new Set(allElements(child(overrides, "Resources")).map((e) => e.attributes.id).filter(Boolean));
    for (const element of allElements(overrides)) {
      if (element.attributes.resid) expect(ids, `resid ${element.attributes.resid}`).toContain(element.attributes.resid);
    }

    const urls = urlsIn(root);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url === "https://excel-ai.example.com" || url.startsWith("https://excel-ai.example.com/"), url).toBe(true);
  });

  it("points a preview deployment's manifest at the preview (x-forwarded-host), with the same Id", async () => {
    const production = parseXml((await fetchManifest("https://excel-ai.example.com/addin/manifest.xml")).text);
    const { text } = await fetchManifest("http://localhost:3000/addin/manifest.xml", {
      "x-forwarded-host": "excel-ai-git-feature-team.vercel.app",
      "x-forwarded-proto": "https",
    });
    const preview = parseXml(text);
    const urls = urlsIn(preview);
    for (const url of urls) expect(url.startsWith("https://excel-ai-git-feature-team.vercel.app"), url).toBe(true);
    expect(text).not.toContain("localhost");
    expect(text).not.toContain("excel-ai.example.com");
    expect(child(preview, "Id").text).toBe(child(production, "Id").text);
    expect(child(child(preview, "AppDomains"), "AppDomain").text).toBe("https://excel-ai-git-feature-team.vercel.app");
  });

  it("never writes a forwarded host that is not a host name into the XML", async () => {
    const { response, text } = await fetchManifest("http://localhost:3000/addin/manifest.xml", { "x-forwarded-host": 'evil.example"><x a="' });
    expect(response.status).toBe(200);
    expect(text).not.toContain("evil.example");
    for (const url of urlsIn(parseXml(text))) expect(url.startsWith("http://localhost:3000"), url).toBe(true);
  });

  describe("which X-Forwarded-Host is believed", () => {
    let saved: { TRUST_PROXY: number; VERCEL: boolean };
    beforeEach(() => {
      saved = { TRUST_PROXY: env.TRUST_PROXY, VERCEL: env.VERCEL };
    });
    afterEach(() => {
      Object.assign(env, saved);
    });
    const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

    it("none without a trusted proxy: a client cannot point the manifest at its own host", async () => {
      env.TRUST_PROXY = 0;
      const { response, text } = await fetchManifest("http://localhost:3000/addin/manifest.xml", forged);
      expect(response.status).toBe(200);
      expect(text).not.toContain("evil.example");
      for (const url of urlsIn(parseXml(text))) expect(url.startsWith("http://localhost:3000"), url).toBe(true);
    });

    it("the Host the client connected to, when no proxy is trusted", async () => {
      env.TRUST_PROXY = 0;
      const { text } = await fetchManifest("http://localhost:3000/addin/manifest.xml", { ...forged, host: "excel-ai.example.com" });
      expect(text).not.toContain("evil.example");
      expect(child(child(parseXml(text), "AppDomains"), "AppDomain").text).toBe("http://excel-ai.example.com");
    });

    it("the entry our own proxy wrote (right-most of TRUST_PROXY), not one the client prepended", async () => {
      env.TRUST_PROXY = 1;
      const { text } = await fetchManifest("http://localhost:3000/addin/manifest.xml", {
        "x-forwarded-host": "evil.example, excel-ai.example.com",
        "x-forwarded-proto": "http, https",
      });
      expect(text).not.toContain("evil.example");
      expect(child(child(parseXml(text), "AppDomains"), "AppDomain").text).toBe("https://excel-ai.example.com");
    });

    it("the platform's on Vercel, whatever TRUST_PROXY says", async () => {
      env.TRUST_PROXY = 0;
      env.VERCEL = true;
      const { text } = await fetchManifest("http://localhost:3000/addin/manifest.xml", {
        "x-forwarded-host": "excel-ai-git-feature-team.vercel.app",
        "x-forwarded-proto": "https",
      });
      expect(child(child(parseXml(text), "AppDomains"), "AppDomain").text).toBe("https://excel-ai-git-feature-team.vercel.app");
    });
  });

  describe("with Microsoft sign-in configured (ENTRA_CLIENT_ID)", () => {
    const clientId = "6f1c2a9e-3b7d-4c51-9e2a-0d4b8c7f1a23";
    let saved: string | undefined;
    beforeEach(() => {
      saved = env.ENTRA_CLIENT_ID;
      env.ENTRA_CLIENT_ID = clientId;
    });
    afterEach(() => {
      env.ENTRA_CLIENT_ID = saved;
    });

    it("ends VersionOverrides with WebApplicationInfo for the app registration on the serving host", async () => {
      const root = parseXml((await fetchManifest("https://excel-ai.example.com/addin/manifest.xml")).text);
      const overrides = child(root, "VersionOverrides");
      expect(overrides.children.map((c) => c.name)).toEqual(["Hosts", "Resources", "WebApplicationInfo"]);
      const info = child(overrides, "WebApplicationInfo");
      expect(info.children.map((c) => c.name)).toEqual(["Id", "Resource", "Scopes"]);
      expect(child(info, "Id").text).toBe(clientId);
      expect(child(info, "Resource").text).toBe(`api://excel-ai.example.com/${clientId}`);
      expect(child(info, "Scopes").children.map((c) => [c.name, c.text])).toEqual([
        ["Scope", "openid"],
        ["Scope", "profile"],
      ]);
      expect(root.children.map((c) => c.name)).toEqual(TOP_LEVEL_ORDER);
    });

    it("names each deployment's own Application ID URI, port included", async () => {
      const local = parseXml((await fetchManifest("http://localhost:3000/addin/manifest.xml")).text);
      expect(child(child(child(local, "VersionOverrides"), "WebApplicationInfo"), "Resource").text).toBe(`api://localhost:3000/${clientId}`);
    });

    it("leaves WebApplicationInfo out when Microsoft sign-in is not configured", async () => {
      env.ENTRA_CLIENT_ID = undefined;
      const { text } = await fetchManifest("https://excel-ai.example.com/addin/manifest.xml");
      expect(text).not.toContain("WebApplicationInfo");
    });
  });

  it("escapes XML special characters in every value it writes", () => {
    const xml = buildManifest("https://a.example.com");
    expect(() => parseXml(xml)).not.toThrow();
    // The strict parser rejects a raw "&" or "<" in attribute values.
    expect(() => parseXml('<a b="x & y"/>')).toThrow(/bare "&"/);
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
  });

  it("names icons that exist as PNGs of the stated size", () => {
    const root = parseXml(buildManifest("https://a.example.com"));
    const images = allElements(root).filter((e) => e.name === "bt:Image" && e.attributes.DefaultValue);
    const iconUrls = [child(root, "IconUrl").attributes.DefaultValue, child(root, "HighResolutionIconUrl").attributes.DefaultValue, ...images.map((e) => e.attributes.DefaultValue)];
    for (const url of iconUrls) {
      const pathname = new URL(url).pathname;
      const size = Number(/icon-(\d+)\.png$/.exec(pathname)?.[1]);
      const png = readFileSync(path.join(process.cwd(), "public", pathname));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });
});

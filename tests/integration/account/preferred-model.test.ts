// The preferred model is a choice among the models this deployment offers: the settings route
// accepts one of them (stored in the offered spelling) or null, refuses anything else with the
// list of what is offered, and the settings page offers exactly that list, labelled for people.
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MockLanguageModelV4 } from "ai/test";
import { PATCH as patchSettings } from "@/app/api/settings/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { modelOptions } from "@/lib/ai/providers/model-options";
import { callRoute } from "../../helpers/call-route";
import { createTestUser } from "../../helpers/test-users";

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; claims: object } }));
vi.mock("@/lib/auth/current-user", () => ({
  requireUser: async () => ({ kind: "user", via: "cookie", ...session.user }),
  getCurrentUser: async () => session.user,
}));

const { default: SettingsPage } = await import("@/app/(dashboard)/dashboard/settings/page");

const model = (modelId: string) => new MockLanguageModelV4({ modelId });

function useChain(...providers: { name: string; modelId: string }[]) {
  setProviderChainForTests(
    createProviderChain({ providers: providers.map((p) => ({ kind: "model" as const, name: p.name, modelId: p.modelId, model: model(p.modelId) })), timeoutMs: 2_000 }),
  );
}

afterEach(() => setProviderChainForTests(undefined));

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("model options", () => {
  it("lists the chain's models in order with plain labels, and never a secret", () => {
    useChain({ name: "azure", modelId: "gpt-4o" }, { name: "compatible", modelId: "llama3.1" }, { name: "mock", modelId: "mock-model" });
    const options = modelOptions();
    expect(options).toEqual([
      { value: "gpt-4o", label: "gpt-4o" },
      { value: "llama3.1", label: "llama3.1" },
      { value: "mock-model", label: "Demo model (does not read your data)" },
    ]);
    expect(JSON.stringify(options)).not.toMatch(/azure|compatible|apiKey|http/i);
  });

  it("tells two providers serving the same model apart without naming them", () => {
    useChain({ name: "azure", modelId: "gpt-4o-mini" }, { name: "openai", modelId: "gpt-4o-mini" });
    expect(modelOptions()).toEqual([
      { value: "azure", label: "gpt-4o-mini (option 1)" },
      { value: "openai", label: "gpt-4o-mini (option 2)" },
    ]);
  });
});

describe("PATCH /api/settings preferredModel", () => {
  it("accepts an offered model (any case, stored as offered) and null", async () => {
    useChain({ name: "openai", modelId: "gpt-4o" }, { name: "compatible", modelId: "llama3.1" });
    const user = await createTestUser("model-ok");
    const chosen = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { preferredModel: "LLAMA3.1" }, token: user.accessToken });
    expect(chosen.status, chosen.text).toBe(200);
    expect(chosen.json.settings.preferredModel).toBe("llama3.1");
    const cleared = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { preferredModel: null }, token: user.accessToken });
    expect(cleared.json.settings.preferredModel).toBeNull();
  });

  it("refuses a model this deployment does not offer, naming what it offers, and changes nothing", async () => {
    useChain({ name: "openai", modelId: "gpt-4o" }, { name: "compatible", modelId: "llama3.1" });
    const user = await createTestUser("model-bad");
    const result = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { preferredModel: "gpt-5-ultra", writeMode: "auto" }, token: user.accessToken });
    expect(result.status).toBe(400);
    expect(result.json.error).toMatchObject({ code: "bad_request" });
    expect(result.json.error.message).toBe("preferredModel must be one of the models offered here: gpt-4o, llama3.1; or null for the default.");
    const after = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: {}, token: user.accessToken });
    expect(after.json.settings).toMatchObject({ preferredModel: null, writeMode: "ask" });
  });

  it("with no model to choose (the offline analyst), only null is accepted", async () => {
    useChain();
    const user = await createTestUser("model-none");
    const result = await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { preferredModel: "gpt-4o" }, token: user.accessToken });
    expect(result.status).toBe(400);
    expect(result.json.error.message).toBe("preferredModel must be null: this site offers no choice of model.");
    expect((await callRoute(patchSettings, "/api/settings", { method: "PATCH", body: { preferredModel: null }, token: user.accessToken })).status).toBe(200);
  });
});

describe("the settings page", () => {
  it("offers a select of exactly the offered models, with no operator words", async () => {
    useChain({ name: "azure", modelId: "gpt-4o" }, { name: "mock", modelId: "mock-model" });
    const user = await createTestUser("model-page");
    session.user = { userId: user.id, email: user.email, claims: user.claims };
    const html = renderToStaticMarkup(await SettingsPage());
    const select = html.match(/<select[^>]*>([\s\S]*?)<\/select>/)?.[1] ?? "";
    const options = [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(options).toEqual([
      ["", "Automatic (recommended)"],
      ["gpt-4o", "gpt-4o"],
      ["mock-model", "Demo model (does not read your data)"],
    ]);
    expect(text(html)).not.toMatch(/azure|mock-model|not configured|provider|AI_PROVIDER_ORDER|OPENAI_/i);
  });
});

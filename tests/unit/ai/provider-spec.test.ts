// Every adapter speaks the provider specification `ai` itself speaks. A model on an older spec
// still works (ai wraps it), which is how a provider package a major behind goes unnoticed: these
// tests catch it on the model objects and in the lockfile.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createProviderChain } from "@/lib/ai/providers/get-provider-chain";
import { textModel } from "@/tests/fixtures/ai/mock-models";

const major = (version: string) => Number(version.split(".")[0]);

describe("provider specification", () => {
  it("every adapter in the chain, and the test mock models, implement specification v4", () => {
    const chain = createProviderChain({
      providers: [
        { kind: "azure", apiKey: "az", resourceName: "my-res", deployment: "gpt4o-prod" },
        { kind: "openai", apiKey: "sk-x", model: "gpt-4o-mini" },
        { kind: "compatible", baseURL: "http://127.0.0.1:11434/v1", model: "llama3.1" },
        { kind: "mock", tokens: 3, delayMs: 0 },
        { kind: "model", name: "test", model: textModel(["ok"]) },
      ],
      timeoutMs: 1_000,
    });
    expect(chain.providers.map((p) => [p.name, p.model.specificationVersion])).toEqual([
      ["azure", "v4"],
      ["openai", "v4"],
      ["compatible", "v4"],
      ["mock", "v4"],
      ["test", "v4"],
    ]);
  });

  it("the lockfile holds one major of @ai-sdk/provider: the one `ai` depends on", () => {
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
    const ai = lock.packages["node_modules/ai"];
    expect(ai?.version).toBeDefined();
    const wanted = major(ai.dependencies!["@ai-sdk/provider"]);
    const found = Object.entries(lock.packages)
      .filter(([path]) => path.endsWith("node_modules/@ai-sdk/provider"))
      .map(([path, entry]) => [path, major(entry.version!)] as const);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter(([, m]) => m !== wanted)).toEqual([]);
  });
});

// The pane's report-in: what it says about its host (bounded, plain text whatever Office hands
// it), and that a failed report never throws into the pane.
import { afterEach, describe, expect, it, vi } from "vitest";
import { describePane, reportIn } from "@/lib/addin/report-in";
import { modelLabel } from "@/lib/ai/model-label";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("describePane", () => {
  it("reads Office's diagnostics, stripped to plain, short text", () => {
    vi.stubGlobal("Office", { context: { diagnostics: { host: "Excel", platform: "<b>OfficeOnline</b>", version: `16.0.${"9".repeat(60)}` } } });
    const report = describePane();
    expect(report.host).toBe("Excel");
    expect(report.platform).toBe("bOfficeOnlineb");
    expect(report.officeVersion).toHaveLength(40);
    expect(report.addinVersion).toBe("1.0.0.0");
  });

  it("says nothing about the host outside Office, or when diagnostics throw", () => {
    expect(describePane()).toMatchObject({ host: null, platform: null, officeVersion: null });
    vi.stubGlobal("Office", {
      get context(): never {
        throw new Error("not ready");
      },
    });
    expect(describePane()).toMatchObject({ host: null, platform: null, officeVersion: null });
  });
});

describe("reportIn", () => {
  it("posts the report as JSON to the heartbeat route", async () => {
    const fetcher = vi.fn(async () => new Response("{}", { status: 200 }));
    const report = { host: "Excel", platform: "PC", officeVersion: null, addinVersion: "1.0.0.0" };
    expect(await reportIn(fetcher, report)).toBe(true);
    expect(fetcher).toHaveBeenCalledWith("/api/addin/heartbeat", expect.objectContaining({ method: "POST", body: JSON.stringify(report) }));
  });

  it("answers false, never throws, when the server refuses or the network fails", async () => {
    expect(await reportIn(async () => new Response("{}", { status: 403 }))).toBe(false);
    expect(
      await reportIn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    ).toBe(false);
  });
});

describe("modelLabel", () => {
  it("names models for people: model ids as they are, the demo and offline answerers in words", () => {
    expect(modelLabel("openai", "gpt-4o-mini")).toBe("gpt-4o-mini");
    expect(modelLabel("compatible", "llama3.1")).toBe("llama3.1");
    expect(modelLabel("mock", "mock-model")).toBe("Demo model (does not read your data)");
    expect(modelLabel("offline", null)).toBe("Offline analyst (no AI model)");
    expect(modelLabel("azure", "")).toBe("AI model");
  });
});

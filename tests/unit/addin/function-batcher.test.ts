// The pane's batching of in-cell function calls: a column recalculating at once goes out as
// batches of at most 50, each cell gets its own result or error, and the session remembers
// results so Excel's recalculations never reach the network again.
import { describe, expect, it } from "vitest";
import { FunctionBatcher } from "@/lib/addin/functions/function-batcher";
import { createCustomFunctions, excelErrorCode } from "@/lib/addin/functions/custom-functions";

interface Sent {
  calls: { id: string; name: string; args: unknown[] }[];
  workspaceId?: string;
}

function fakeServer(answer: (call: Sent["calls"][number]) => Record<string, unknown>) {
  const sent: Sent[] = [];
  const fetcher = async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as Sent;
    sent.push(body);
    return Response.json({ results: body.calls.map((call) => ({ id: call.id, ...answer(call) })) });
  };
  return { sent, fetcher };
}

const label = (call: { args: unknown[] }) => ({ value: String(call.args[0]).toUpperCase(), cached: false, source: "model" });

describe("FunctionBatcher", () => {
  it("sends 200 cells as four batches of 50 and answers each cell with its own value", async () => {
    const server = fakeServer(label);
    const batcher = new FunctionBatcher({ fetcher: server.fetcher });
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => batcher.call("CLASSIFY", [`row ${i}`, [["a", "b"]]])));
    expect(server.sent.map((batch) => batch.calls.length)).toEqual([50, 50, 50, 50]);
    expect(outcomes).toEqual(outcomes.map((_, i) => ({ ok: true, value: `ROW ${i}`, cached: false })));
  });

  it("answers a recalculation from the session memo without a request, and shares identical calls in flight", async () => {
    const server = fakeServer(label);
    const batcher = new FunctionBatcher({ fetcher: server.fetcher });
    const [a, b] = await Promise.all([batcher.call("ASK", ["same"]), batcher.call("ASK", ["same"])]);
    expect(a).toEqual(b);
    expect(server.sent).toHaveLength(1);
    expect(server.sent[0].calls).toHaveLength(1);
    expect(await batcher.call("ASK", ["same"])).toEqual({ ok: true, value: "SAME", cached: true });
    expect(batcher.requests).toBe(1);
    batcher.clear();
    await batcher.call("ASK", ["same"]);
    expect(batcher.requests).toBe(2);
  });

  it("gives one failing call its error, its neighbours their values, and does not remember errors", async () => {
    let limited = true;
    const server = fakeServer((call) =>
      call.args[0] === "over" && limited ? { error: { code: "rate_limited", message: "Busy: recalculate in 20 s." } } : label(call),
    );
    const batcher = new FunctionBatcher({ fetcher: server.fetcher });
    const [ok, over] = await Promise.all([batcher.call("ASK", ["fine"]), batcher.call("ASK", ["over"])]);
    expect(ok).toMatchObject({ ok: true, value: "FINE" });
    expect(over).toEqual({ ok: false, code: "rate_limited", message: "Busy: recalculate in 20 s." });
    limited = false;
    expect(await batcher.call("ASK", ["over"])).toMatchObject({ ok: true, value: "OVER" });
  });

  it("sends each call in the space the pane worked in when it was made, and remembers results per space", async () => {
    let space: string | null = null;
    const server = fakeServer((call) => ({ value: `${String(call.args[0])}`, cached: false, source: "model" }));
    const batcher = new FunctionBatcher({ fetcher: server.fetcher, workspace: () => space });
    await batcher.call("ASK", ["personal question"]);
    expect(server.sent[0]).not.toHaveProperty("workspaceId");

    space = "11111111-1111-4111-8111-111111111111";
    // The same call in the workspace is not the personal one: it goes to the server, naming the workspace.
    expect(await batcher.call("ASK", ["personal question"])).toMatchObject({ ok: true, cached: false });
    expect(server.sent[1]).toMatchObject({ workspaceId: space, calls: [{ name: "ASK", args: ["personal question"] }] });
    expect(await batcher.call("ASK", ["personal question"])).toMatchObject({ ok: true, cached: true });
    expect(batcher.requests).toBe(2);

    // Back in the personal space, its own result is remembered; another workspace has none.
    space = null;
    expect(await batcher.call("ASK", ["personal question"])).toMatchObject({ ok: true, cached: true });
    space = "22222222-2222-4222-8222-222222222222";
    await batcher.call("ASK", ["personal question"]);
    expect(batcher.requests).toBe(3);
    expect(server.sent[2].workspaceId).toBe(space);
  });

  it("never mixes spaces in one batch when the space changes while calls wait", async () => {
    let space: string | null = "11111111-1111-4111-8111-111111111111";
    const server = fakeServer(label);
    const batcher = new FunctionBatcher({ fetcher: server.fetcher, workspace: () => space });
    const first = Array.from({ length: 30 }, (_, i) => batcher.call("CLASSIFY", [`w ${i}`, [["a", "b"]]]));
    space = null;
    const second = Array.from({ length: 30 }, (_, i) => batcher.call("CLASSIFY", [`p ${i}`, [["a", "b"]]]));
    await Promise.all([...first, ...second]);
    expect(server.sent.map((batch) => [batch.workspaceId ?? null, batch.calls.length])).toEqual([
      ["11111111-1111-4111-8111-111111111111", 30],
      [null, 30],
    ]);
    expect(server.sent[1].calls.every((call) => String(call.args[0]).startsWith("p "))).toBe(true);
  });

  it("turns a refused batch or an unreachable server into every cell's error", async () => {
    const refused = new FunctionBatcher({ fetcher: async () => Response.json({ error: { code: "unauthorized", message: "Sign in." } }, { status: 401 }) });
    expect(await refused.call("ASK", ["x"])).toEqual({ ok: false, code: "unauthorized", message: "Sign in." });
    const down = new FunctionBatcher({ fetcher: async () => Promise.reject(new TypeError("fetch failed")) });
    expect(await down.call("ASK", ["x"])).toMatchObject({ ok: false, message: expect.stringContaining("could not be reached") });
  });
});

describe("the functions Excel calls", () => {
  class ExcelError extends Error {
    constructor(
      readonly code: string,
      message?: string,
    ) {
      super(message);
    }
  }
  const api = { associate: () => undefined, Error: ExcelError, ErrorCode: { busy: "#BUSY!", notAvailable: "#N/A", invalidValue: "#VALUE!" } };

  it("show Excel's busy error for a per-minute limit, #N/A for the daily limit, #VALUE! for bad arguments, with the message", async () => {
    const messages: Record<string, { code: string; message: string }> = {
      minute: { code: "rate_limited", message: "Busy: recalculate in 20 s." },
      day: { code: "quota_exceeded", message: "Daily limit reached: resets at 00:00 UTC." },
      bad: { code: "bad_request", message: "labels needs at least two different labels." },
    };
    const server = fakeServer((call) => ({ error: messages[String(call.args[0])] }));
    const functions = createCustomFunctions(api, new FunctionBatcher({ fetcher: server.fetcher }));
    await expect(functions.CLASSIFY("minute", [["a"]])).rejects.toMatchObject({ code: "#BUSY!", message: "Busy: recalculate in 20 s." });
    await expect(functions.CLASSIFY("day", [["a"]])).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("00:00 UTC") });
    await expect(functions.CLASSIFY("bad", [["a"]])).rejects.toMatchObject({ code: "#VALUE!" });
    expect(excelErrorCode("provider_unavailable")).toBe("notAvailable");
  });

  it("send ASK without its range when the range is omitted", async () => {
    const server = fakeServer(() => ({ value: 42, cached: false, source: "model" }));
    const functions = createCustomFunctions(api, new FunctionBatcher({ fetcher: server.fetcher }));
    expect(await functions.ASK("How many?", null)).toBe(42);
    expect(server.sent[0].calls[0]).toMatchObject({ name: "ASK", args: ["How many?"] });
  });
});

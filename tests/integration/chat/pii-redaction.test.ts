// With the piiRedaction preference on, personal data never reaches the model.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as chatRoute } from "@/app/api/chat/route";
import { createProviderChain, setProviderChainForTests } from "@/lib/ai/providers/get-provider-chain";
import { getDatabase } from "@/lib/db/get-database";
import { updatePreferences } from "@/lib/db/profiles";
import { callRoute } from "@/tests/helpers/call-route";
import { createTestUser } from "@/tests/helpers/test-users";
import { textModel } from "@/tests/fixtures/ai/mock-models";
import { nextIp } from "@/tests/fixtures/ai/test-db";

beforeAll(() => getDatabase());
afterEach(() => setProviderChainForTests(undefined));

const context = {
  selectedRange: {
    address: "Sheet1!A1:C3",
    values: [
      ["Name", "Email", "Card"],
      ["Ada", "ada@example.com", "4111 1111 1111 1111"],
      ["Linus", "linus@example.org", "5500 0000 0000 0004"],
    ],
    rowCount: 3,
    columnCount: 3,
  },
};

async function promptSent(piiRedaction: boolean) {
  const model = textModel(["ok"]);
  setProviderChainForTests(createProviderChain({ providers: [{ kind: "model", name: "primary", model }], timeoutMs: 2_000 }));
  const user = await createTestUser("pii");
  await updatePreferences({ claims: user.claims, changes: { piiRedaction } });
  const result = await callRoute(chatRoute, "/api/chat", {
    token: user.accessToken,
    ip: nextIp(),
    body: { messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "Write to ada@example.com or call +44 20 7946 0958" }] }], context },
  });
  expect(result.status).toBe(200);
  return JSON.stringify(model.doStreamCalls[0].prompt);
}

describe("PII redaction before the model", () => {
  it("masks emails, phone numbers and card numbers in the question and the selection when on", async () => {
    const prompt = await promptSent(true);
    for (const secret of ["ada@example.com", "linus@example.org", "4111 1111 1111 1111", "5500 0000 0000 0004", "7946 0958"]) {
      expect(prompt).not.toContain(secret);
    }
    expect(prompt).toContain("[EMAIL]");
    expect(prompt).toContain("[CARD]");
    expect(prompt).toContain("Ada");
  });

  it("sends the data as is when off", async () => {
    const prompt = await promptSent(false);
    expect(prompt).toContain("ada@example.com");
  });
});

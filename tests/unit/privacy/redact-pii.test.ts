// PII redaction: what is masked before anything reaches a model when the user turns it on, and —
// as important — what is left alone, because a masked date, amount or invoice id would wreck
// the analysis of the data the user asked about.
import { describe, expect, it } from "vitest";
import { isCardNumber, isIban, isLuhnValid } from "@/lib/privacy/pii-checks";
import { redactExcelContext, redactMessages, redactText, totalRedactions } from "@/lib/privacy/redact-pii";

const redacted = (text: string) => redactText(text).text;

describe("emails", () => {
  it.each([
    ["jane.doe@example.com", "[EMAIL]"],
    ["Contact: jane.doe+invoices@mail.example.co.uk, thanks", "Contact: [EMAIL], thanks"],
    ["<j_smith-99@sub.domain.io>", "<[EMAIL]>"],
    ["two: a.b@x.org and c@y.de", "two: [EMAIL] and [EMAIL]"],
  ])("masks %j", (input, expected) => {
    expect(redacted(input)).toBe(expected);
  });

  it("counts each address", () => {
    expect(redactText("a.b@x.org, c@y.de").counts).toEqual({ email: 2, phone: 0, card: 0, iban: 0 });
  });

  it.each(["@handle", "user@localhost", "a@b", "price @ 12.50", "name at example dot com"])("leaves %j alone", (input) => {
    expect(redacted(input)).toBe(input);
  });
});

describe("phone numbers", () => {
  it.each([
    "+44 20 7946 0958",
    "+44 (0) 20 7946 0958",
    "+1 (555) 123-4567",
    "+1-555-123-4567",
    "+49 151 12345678",
    "+4915112345678",
    "+33 1 23 45 67 89",
    "+81-3-1234-5678",
    "+61 2 9876 5432",
    "+91 98765 43210",
    "0049 151 12345678",
    "(555) 123-4567",
    "555-123-4567",
    "555.123.4567",
    "1-800-555-0199",
    "020 7946 0958",
    "07700 900123",
    "030 1234567",
    "01 23 45 67 89",
    "01.23.45.67.89",
  ])("masks %j", (input) => {
    const result = redactText(`Call ${input} today`);
    expect(result.text).toBe("Call [PHONE] today");
    expect(result.counts.phone).toBe(1);
  });

  it("masks a number standing alone in a cell", () => {
    expect(redacted("+44 20 7946 0958")).toBe("[PHONE]");
  });
});

describe("card numbers", () => {
  it.each([
    ["4111 1111 1111 1111", "Visa, spaced"],
    ["4111-1111-1111-1111", "Visa, dashed"],
    ["4111111111111111", "Visa, unbroken"],
    ["4222222222222", "Visa, 13 digits"],
    ["5500 0000 0000 0004", "Mastercard"],
    ["2221 0000 0000 0009", "Mastercard 2-series"],
    ["3782 822463 10005", "Amex 4-6-5"],
    ["6011111111111117", "Discover"],
    ["3530 1113 3330 0000", "JCB"],
    ["6304 0000 0000 0000 018", "19 digits"],
  ])("masks %j (%s)", (input) => {
    const result = redactText(`Paid with ${input}.`);
    expect(result.text).toBe("Paid with [CARD].");
    expect(result.counts.card).toBe(1);
  });

  it("masks only the card when more digits follow it", () => {
    expect(redacted("card 4111 1111 1111 1111 exp 12/27")).toBe("card [CARD] exp 12/27");
  });

  it.each([
    ["4111 1111 1111 1112", "fails the Luhn check"],
    ["1234 5678 9012 3452", "no issuer starts with 1"],
    ["2023 2024 2025 2026", "a row of years"],
    ["41111111111111111111", "20 digits"],
    ["411111111111", "12 digits"],
    ["4111 11 1111 1111 11", "not a card's grouping"],
    ["INV-4111111111111111", "part of an id"],
  ])("leaves %j alone (%s)", (input) => {
    expect(redacted(input)).toBe(input);
  });

  it("checks Luhn and issuer prefixes", () => {
    expect(isLuhnValid("79927398713")).toBe(true);
    expect(isLuhnValid("79927398710")).toBe(false);
    expect(isCardNumber("4111111111111111")).toBe(true);
    expect(isCardNumber("1111111111111117")).toBe(false);
  });
});

describe("IBANs", () => {
  it.each([
    "DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "GB82 WEST 1234 5698 7654 32",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "BE68 5390 0754 7034",
    "CH93 0076 2011 6238 5295 7",
    "NO93 8601 1117 947",
    "ES91 2100 0418 4502 0005 1332",
    "IT60 X054 2811 1010 0000 0123 456",
  ])("masks %j", (input) => {
    const result = redactText(`IBAN: ${input}`);
    expect(result.text).toBe("IBAN: [IBAN]");
    expect(result.counts).toEqual({ email: 0, phone: 0, card: 0, iban: 1 });
  });

  it("stops at the IBAN when an upper-case word follows", () => {
    expect(redacted("BE68 5390 0754 7034 BANK")).toBe("[IBAN] BANK");
  });

  it.each([
    ["DE89 3704 0044 0532 0130 01", "wrong check digits"],
    ["DE89 3704 0044 0532 0130", "too short for Germany"],
    ["ZZ89 3704 0044 0532 0130 00", "no such country"],
    ["AB12 CDEF GHIJ KLMN", "letters only"],
  ])("leaves %j alone (%s)", (input) => {
    expect(redacted(input)).toBe(input);
  });

  it("validates the mod-97 checksum", () => {
    expect(isIban("GB82WEST12345698765432")).toBe(true);
    expect(isIban("GB82WEST12345698765433")).toBe(false);
  });
});

describe("what is never masked", () => {
  it.each([
    ["2024-01-15", "an ISO date"],
    ["2024-01-15T10:00:00Z", "an ISO timestamp"],
    ["2024-01-15 10:30:00", "a date and time"],
    ["15/01/2024", "a day-first date"],
    ["01/15/2024", "a month-first date"],
    ["15.01.2024 10:30", "a dotted date and time"],
    ["$1,234,567.89", "an amount"],
    ["€ 1 234 567 890", "an amount with space thousands"],
    ["1.234.567.890", "an amount with dot thousands"],
    ["12345678.90", "a decimal"],
    ["+12345678.90", "a signed decimal"],
    ["-1234567890.50", "a negative decimal"],
    ["(1,234,567.00)", "an accounting negative"],
    ["INV-2024-00123", "an invoice id"],
    ["Invoice 2024-00123", "an invoice number"],
    ["00123-45678", "an order id with leading zeros"],
    ["PO 0012345678", "a purchase order"],
    ["SKU 123-456-78901", "a SKU"],
    ["12345", "a short number"],
    ["12.5%", "a percentage"],
    ["98.76%", "a percentage with decimals"],
    ["ISBN 978-3-16-148410-0", "an ISBN"],
    ["192.168.100.200", "an IP address"],
    ["Q1 2024 1200 1350 1500", "a row of figures"],
    ["Total 12,345,678.00 EUR", "a total"],
    ["Order 1234567890123", "a long order number that fails Luhn"],
  ])("keeps %j (%s)", (input) => {
    const result = redactText(input);
    expect(result.text).toBe(input);
    expect(totalRedactions(result.counts)).toBe(0);
  });
});

describe("mixed text", () => {
  it("masks every kind in one string and counts them", () => {
    const result = redactText(
      "Jane (jane@example.com, +44 20 7946 0958) paid 1,250.00 on 2024-03-01 with 4111 1111 1111 1111 from DE89 3704 0044 0532 0130 00, invoice INV-2024-00123.",
    );
    expect(result.text).toBe("Jane ([EMAIL], [PHONE]) paid 1,250.00 on 2024-03-01 with [CARD] from [IBAN], invoice INV-2024-00123.");
    expect(result.counts).toEqual({ email: 1, phone: 1, card: 1, iban: 1 });
  });
});

describe("redactExcelContext", () => {
  const context = {
    selectedRange: {
      address: "Customers!A1:E4",
      values: [
        ["Name", "Email", "Phone", "Card", "Signed up"],
        ["Ann", "ann@example.com", "+1 (555) 123-4567", 4111111111111111, 45292],
        ["Bob", "bob@example.org", "020 7946 0958", "5500 0000 0000 0004", 45293],
        ["Cy", "", null, 1234567890123, true],
      ],
      formulas: [["Name", "Email", "Phone", "Card", "Signed up"], ["Ann", "ann@example.com", "", "", "=TODAY()"]],
      numberFormat: [["@", "@", "000-000-0000", "0", "yyyy-mm-dd"]],
      rowCount: 4,
      columnCount: 5,
    },
    worksheet: { name: "Customers" },
    workbook: { name: "CRM of ann@example.com - 2024.xlsx" },
  };

  it("masks cell values, formulas and names, keeping addresses, formats and shape", () => {
    const { context: out, counts } = redactExcelContext(context);
    expect(out.selectedRange.values).toEqual([
      ["Name", "Email", "Phone", "Card", "Signed up"],
      ["Ann", "[EMAIL]", "[PHONE]", "[CARD]", 45292],
      ["Bob", "[EMAIL]", "[PHONE]", "[CARD]", 45293],
      ["Cy", "", null, 1234567890123, true],
    ]);
    expect(out.selectedRange.formulas?.[1]).toEqual(["Ann", "[EMAIL]", "", "", "=TODAY()"]);
    expect(out.selectedRange.address).toBe("Customers!A1:E4");
    expect(out.selectedRange.numberFormat).toEqual(context.selectedRange.numberFormat);
    expect(out.selectedRange.rowCount).toBe(4);
    expect(out.workbook.name).toBe("CRM of [EMAIL] - 2024.xlsx");
    // values: 2 emails, 2 phones, 2 cards; formulas: 1 email; workbook name: 1 email.
    expect(counts).toEqual({ email: 4, phone: 2, card: 2, iban: 0 });
  });

  it("returns a copy and leaves the input untouched", () => {
    const before = JSON.stringify(context);
    redactExcelContext(context);
    expect(JSON.stringify(context)).toBe(before);
  });

  it("reads the liberal shapes add-ins send", () => {
    expect(redactExcelContext(null).context).toBeNull();
    expect(redactExcelContext("Sheet1!A1:B2").context).toBe("Sheet1!A1:B2");
    const flat = redactExcelContext({ address: "A1:B1", values: ["x@y.com", 5] });
    expect(flat.context).toEqual({ address: "A1:B1", values: ["[EMAIL]", 5] });
    const areas = redactExcelContext({ areas: [{ address: "A1", values: [["+49 151 12345678"]] }] });
    expect(areas.context).toEqual({ areas: [{ address: "A1", values: [["[PHONE]"]] }] });
    // Rich values (objects in cells) are read too.
    const rich = redactExcelContext({ selectedRange: { values: [[{ contact: "x@y.com" }]] } });
    expect(rich.context).toEqual({ selectedRange: { values: [[{ contact: "[EMAIL]" }]] } });
  });

  it("keeps a large context fast", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [i, `Item ${i}`, i * 1.5, "2024-01-15", `x${i}@example.com`]);
    const started = performance.now();
    const { counts } = redactExcelContext({ selectedRange: { address: "A1:E50000", values: rows } });
    expect(counts.email).toBe(50_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("redactMessages", () => {
  it("masks text parts and keeps other parts and unchanged messages as they are", () => {
    const toolPart = { type: "tool-write_range", toolCallId: "t1", state: "input-available", input: { address: "A1" } };
    const untouched = { id: "1", role: "assistant", parts: [{ type: "text", text: "Total is 1,250.00" }] };
    const messages = [
      { id: "0", role: "user", parts: [{ type: "text", text: "Email bob@example.org the total" }, toolPart] },
      untouched,
    ];
    const { messages: out, counts } = redactMessages(messages);
    expect(out[0].parts).toEqual([{ type: "text", text: "Email [EMAIL] the total" }, toolPart]);
    expect(out[1]).toBe(untouched);
    expect(messages[0].parts[0]).toEqual({ type: "text", text: "Email bob@example.org the total" });
    expect(counts.email).toBe(1);
  });
});

describe("redactExcelContext: a large selection's analysis", () => {
  it("masks the cell text in it and keeps its figures, so it still matches the selection", async () => {
    const { buildLargeSelectionPayload } = await import("@/lib/addin/large-selection-payload");
    const { parseExcelContext } = await import("@/lib/excel");
    const values: (string | number)[][] = [["Contact", "Amount"]];
    for (let i = 0; i < 60_000; i++) values.push([i % 2 ? "ada@example.com" : "+44 20 7946 0958", 4_111_111_111_111_111 + (i % 3)]);
    const { payload } = buildLargeSelectionPayload({ workbook: "B.xlsx", sheet: "S", startRow: 1, startColumn: 1, values });
    const { context, counts } = redactExcelContext(payload);
    const text = JSON.stringify(context);
    expect(text).not.toContain("ada@example.com");
    expect(text).not.toContain("7946 0958");
    expect(counts.email).toBeGreaterThan(0);
    // Figures (sums, counts, rows) are not cell text: untouched, and the server still accepts them.
    expect(context.selectedRange.analysis?.columns[1].numeric?.sum).toBe(payload.selectedRange.analysis?.columns[1].numeric?.sum);
    expect(parseExcelContext(context, { maxCells: 50_000 })?.wholeAnalysis?.lastDataRow).toBe(60_001);
  });
});

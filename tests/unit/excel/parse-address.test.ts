import { describe, it, expect } from "vitest";
import { cellAddress, columnLetter, columnNumber, parseAddress, quoteSheetName, rangeAddress } from "@/lib/excel";

describe("column letters", () => {
  it("converts both ways across the alphabet boundaries", () => {
    expect(columnLetter(1)).toBe("A");
    expect(columnLetter(26)).toBe("Z");
    expect(columnLetter(27)).toBe("AA");
    expect(columnLetter(16_384)).toBe("XFD");
    expect(columnNumber("XFD")).toBe(16_384);
    expect(columnNumber("ab")).toBe(28);
    expect(columnNumber("A1")).toBe(0);
  });
});

describe("parseAddress", () => {
  it("reads a sheet-qualified range", () => {
    expect(parseAddress("Sheet1!A1:C20")).toEqual({
      sheet: "Sheet1",
      areas: [{ sheet: "Sheet1", startRow: 1, startColumn: 1, endRow: 20, endColumn: 3 }],
    });
  });

  it("reads quoted sheet names with spaces, commas and doubled quotes", () => {
    expect(parseAddress("'My Sheet'!B2:C4")?.areas[0]).toEqual({ sheet: "My Sheet", startRow: 2, startColumn: 2, endRow: 4, endColumn: 3 });
    expect(parseAddress("'Q1, Q2'!A1")?.sheet).toBe("Q1, Q2");
    expect(parseAddress("'Bob''s data'!$D$5:$E$9")?.areas[0]).toMatchObject({ sheet: "Bob's data", startRow: 5, startColumn: 4, endRow: 9, endColumn: 5 });
  });

  it("reads multi-area addresses, inheriting the sheet", () => {
    const parsed = parseAddress("Sheet1!A1:B2,D1:D5");
    expect(parsed?.areas).toHaveLength(2);
    expect(parsed?.areas[1]).toEqual({ sheet: "Sheet1", startRow: 1, startColumn: 4, endRow: 5, endColumn: 4 });
  });

  it("reads whole columns, whole rows, reversed corners and lower case", () => {
    expect(parseAddress("C:D")?.areas[0]).toMatchObject({ startRow: 1, endRow: 1_048_576, startColumn: 3, endColumn: 4 });
    expect(parseAddress("3:5")?.areas[0]).toMatchObject({ startRow: 3, endRow: 5, startColumn: 1, endColumn: 16_384 });
    expect(parseAddress("c10:a2")?.areas[0]).toMatchObject({ startRow: 2, endRow: 10, startColumn: 1, endColumn: 3 });
  });

  it("returns null for text that is not an address", () => {
    expect(parseAddress("hello world")).toBeNull();
    expect(parseAddress("")).toBeNull();
    expect(parseAddress("A0")).toBeNull();
  });
});

describe("writing addresses", () => {
  it("quotes sheet names only when Excel needs it", () => {
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("My Sheet")).toBe("'My Sheet'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(rangeAddress(2, 3, 20, 3, "Sales 2024")).toBe("'Sales 2024'!C2:C20");
    expect(rangeAddress(5, 2, 5, 2)).toBe("B5");
    expect(cellAddress(14, 28)).toBe("AB14");
  });
});

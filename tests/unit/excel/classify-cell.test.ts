import { describe, it, expect } from "vitest";
import { classifyCell, classifyNumberFormat, excelSerialToIso, isExcelError } from "@/lib/excel";

describe("classifyNumberFormat", () => {
  it.each([
    ["General", "general"],
    ["", "general"],
    ["0.00", "number"],
    ["#,##0", "number"],
    ["$#,##0.00", "currency"],
    ["[$€-407] #,##0.00", "currency"],
    ['_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)', "currency"],
    ["#,##0.00 \\€", "currency"],
    ["0%", "percent"],
    ["0.0%", "percent"],
    ["yyyy-mm-dd", "date"],
    ["m/d/yyyy", "date"],
    ["[$-409]mmmm d, yyyy;@", "date"],
    ["d-mmm", "date"],
    ["h:mm AM/PM", "time"],
    ["[h]:mm:ss", "time"],
    ["@", "text"],
    ['0.00 "kg"', "number"],
    ["0.00E+00", "number"],
    ["[Red]#,##0;[Blue]-#,##0", "number"],
  ] as const)("%s → %s", (format, kind) => {
    expect(classifyNumberFormat(format)).toBe(kind);
  });
});

describe("classifyCell", () => {
  it("uses the number format for Office.js numbers", () => {
    expect(classifyCell(1200.5, "$#,##0.00")).toEqual({ kind: "currency", number: 1200.5 });
    expect(classifyCell(0.12, "0%")).toEqual({ kind: "percent", number: 0.12 });
    expect(classifyCell(45306, "yyyy-mm-dd")).toEqual({ kind: "date", number: 45306 });
    expect(classifyCell(45306, "General")).toEqual({ kind: "number", number: 45306 });
  });

  it("recognises numbers, currency, percent and dates written as text", () => {
    expect(classifyCell("1,200")).toEqual({ kind: "number", number: 1200 });
    expect(classifyCell("$1,200.50")).toEqual({ kind: "currency", number: 1200.5 });
    expect(classifyCell("-$5")).toEqual({ kind: "currency", number: -5 });
    expect(classifyCell("(1,200)")).toEqual({ kind: "number", number: -1200 });
    expect(classifyCell("1 200 €")).toEqual({ kind: "currency", number: 1200 });
    expect(classifyCell("12%")).toEqual({ kind: "percent", number: 0.12 });
    expect(classifyCell(" 3.5e2 ")).toEqual({ kind: "number", number: 350 });
    expect(classifyCell("2024-01-15")).toEqual({ kind: "date", number: 45306 });
    expect(classifyCell("1/15/2024")).toEqual({ kind: "date", number: 45306 });
    expect(classifyCell("15.01.2024")).toEqual({ kind: "date", number: 45306 });
    expect(classifyCell("Jan 15, 2024")).toEqual({ kind: "date", number: 45306 });
    expect(classifyCell("15-Jan-2024")).toEqual({ kind: "date", number: 45306 });
  });

  it("keeps look-alikes as text", () => {
    expect(classifyCell("1,2,3").kind).toBe("text");
    expect(classifyCell("12,34").kind).toBe("text");
    expect(classifyCell("2024-02-30").kind).toBe("text");
    expect(classifyCell("ORD-1001").kind).toBe("text");
    expect(classifyCell("Jan").kind).toBe("text");
    expect(classifyCell("$").kind).toBe("text");
    expect(classifyCell("00123", "@").kind).toBe("text");
  });

  it("finds errors, booleans and blanks", () => {
    expect(classifyCell("#DIV/0!").kind).toBe("error");
    expect(classifyCell("#N/A").kind).toBe("error");
    expect(classifyCell("#hashtag").kind).toBe("text");
    expect(isExcelError("#SPILL!")).toBe(true);
    expect(classifyCell(true)).toEqual({ kind: "boolean", number: 1 });
    expect(classifyCell("FALSE")).toEqual({ kind: "boolean", number: 0 });
    expect(classifyCell("").kind).toBe("empty");
    expect(classifyCell("   ").kind).toBe("empty");
    expect(classifyCell(null).kind).toBe("empty");
  });

  it("renders serials as ISO dates", () => {
    expect(excelSerialToIso(45306)).toBe("2024-01-15");
    expect(excelSerialToIso(45306.5)).toBe("2024-01-15T12:00");
  });
});

// The large-range notice says exactly what was analysed, what a question sends and what the
// model reads, with the numbers taken from the request the playground builds.
import { describe, expect, it } from "vitest";
import { utils } from "xlsx";
import { analyzeExcelContext, buildCompactContext, parseExcelContext } from "@/lib/excel";
import { describeSampledRows, describeSent } from "@/components/playground/describe-sent";
import { buildContextPayload } from "@/lib/workbook/context-payload";
import { rectAddress, usedRect } from "@/lib/workbook/sheet-range";

function sheetOf(rows: number, columns: number) {
  const aoa: (string | number)[][] = [Array.from({ length: columns }, (_, c) => `Col ${c + 1}`)];
  for (let r = 1; r < rows; r++) aoa.push(Array.from({ length: columns }, (_, c) => r * (c + 1)));
  return utils.aoa_to_sheet(aoa);
}

/** The steps the playground runs for a range (use-range-analysis.ts). */
function describeRange(rows: number, columns: number) {
  const sheet = sheetOf(rows, columns);
  const rect = usedRect(sheet)!;
  const built = buildContextPayload({ workbookName: "big.xlsx", sheetName: "Data", sheet, rect });
  const context = parseExcelContext(built.payload, { maxCells: 2_000_000 });
  const compact = buildCompactContext(context, analyzeExcelContext(context));
  return { built, compact, text: describeSent({ address: rectAddress(rect, "Data"), rowCount: rect.rowCount, columnCount: rect.columnCount, built, compact: compact.summary }) };
}

describe("describeSampledRows", () => {
  it("names the first and last blocks and counts the rows spread between", () => {
    expect(describeSampledRows([1, 2, 3, 10, 20, 30, 98, 99, 100])).toBe("rows 1–3, 3 rows spread evenly between 4 and 97, and rows 98–100");
    expect(describeSampledRows([1, 2, 5])).toBe("rows 1–2, row 5");
  });
});

describe("describeSent", () => {
  it("a large range: everything analysed, a sample of rows sent, the model's share", () => {
    const { built, compact, text } = describeRange(20_000, 5);
    expect(built.summary.sampled).toBe(true);
    expect(text.partial).toBe(true);
    expect(text.analysed).toBe("Analysed: all 100,000 cells of Data!A1:E20000 (20,000 rows × 5 columns), here in your browser. The statistics, insights and chart above cover every row.");
    expect(text.sent).toBe(
      `Sent with each question: ${built.summary.sentCells.toLocaleString("en-US")} of the 100,000 cells (${text.sent.match(/\(([\d.]+ (?:KB|MB))\)/)![1]}) — 401 rows of 20,000 (sheet rows 1–161, 160 rows spread evenly between 162 and 19,920, and rows 19,921–20,000), with the range's full size and the statistics of every cell.`,
    );
    expect(built.summary.sentCells).toBe(401 * 5);
    expect(text.model).toMatch(new RegExp(`^The model reads ${compact.summary.rowsSampled} of the 401 rows sent as text, plus each column's statistics computed from every row — about [\\d,]+ tokens\\.$`));
    // The request carries the whole range's figures: column B holds r × 2 for r = 1..19,999.
    expect(built.payload.selectedRange.analysis?.columns[1].numeric?.sum).toBe(19_999 * 20_000);
  });

  it("a small range is sent whole and needs no notice", () => {
    const { text } = describeRange(20, 3);
    expect(text.partial).toBe(false);
    expect(text.sent).toMatch(/^Sent with each question: all 60 cells \(/);
    expect(text.model).toMatch(/^The model reads all the range's 20 rows as text, plus each column's statistics computed from every row/);
  });
});

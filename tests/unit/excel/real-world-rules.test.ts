// What a spreadsheet professional expects of the figures: roles decide what may be summed,
// text is read in the workbook's culture, totals are not counted twice, numbers stored as text
// are reported, serial dates are dates, figures are rounded once, distinct counts cover every
// value type, and common questions get the figure and its formula.
import { describe, expect, it } from "vitest";
import { buildLargeSelectionPayload } from "@/lib/addin/large-selection-payload";
import { analyzeExcelContext, answerQuestion, buildCompactContext, classifyCell, parseExcelContext, type ExcelAnalysis, type Insight } from "@/lib/excel";

const limits = { maxCells: 1_000_000 };

function analyze(raw: unknown): ExcelAnalysis {
  return analyzeExcelContext(parseExcelContext(raw, limits));
}

function insights<K extends Insight["kind"]>(a: ExcelAnalysis, kind: K): Extract<Insight, { kind: K }>[] {
  return a.insights.filter((i): i is Extract<Insight, { kind: K }> => i.kind === kind);
}

function formulas(a: ExcelAnalysis): string[] {
  return a.recommendations.flatMap((r) => (r.kind === "formula" ? [r.formula] : []));
}

function roles(a: ExcelAnalysis): Record<string, string> {
  return Object.fromEntries(a.columns.map((c) => [c.header, c.role]));
}

describe("column roles", () => {
  it("tells additive measures from rates, temperatures, codes, months, years and coordinates", () => {
    const values: (string | number)[][] = [["Order ID", "Year", "Month", "Segment", "Units", "Unit Price", "Temperature (°C)", "Latitude", "Store"]];
    for (let i = 0; i < 24; i++) values.push([1001 + i, 2023 + Math.floor(i / 12), (i % 12) + 1, (i % 2) + 1, 5 + ((i * 7) % 11), 9.5 + (i % 3), 12 + (i % 9), 40 + i / 10, ["A", "B", "C"][i % 3]]);
    const a = analyze({ selectedRange: { address: "S!A1:I25", values } });
    expect(roles(a)).toEqual({
      "Order ID": "identifier",
      Year: "year",
      Month: "identifier",
      Segment: "identifier",
      Units: "additive_measure",
      "Unit Price": "non_additive_measure",
      "Temperature (°C)": "non_additive_measure",
      Latitude: "coordinate",
      Store: "category",
    });
    // The main measure is Units: never the month numbers, the year or the ID.
    expect(formulas(a)).toContain("=SUMIFS(E2:E25,I2:I25,\"A\")");
    expect(formulas(a)).toContain("=SUM(E2:E25)");
    expect(formulas(a).join(" ")).not.toMatch(/SUM\((A|B|C|D|F|G|H)2/);
    // No statistics of codes; no sum of non-additive measures; years without separators.
    const { text } = buildCompactContext(parseExcelContext({ selectedRange: { address: "S!A1:I25", values } }, limits));
    const line = (col: string) => text.split("\n").find((l) => l.startsWith(`- ${col} `)) ?? "";
    expect(line("C")).toContain("identifier/code");
    expect(line("C")).not.toMatch(/mean=|sum=/);
    expect(line("B")).toContain("min=2023; max=2024");
    expect(line("F")).toContain("mean=");
    expect(line("F")).not.toContain("sum=");
    expect(line("E")).toContain("sum=");
  });

  it("groups by a small numeric code but never averages it", () => {
    const values: (string | number)[][] = [["Segment", "Spend"]];
    for (let i = 0; i < 20; i++) values.push([(i % 2) + 1, 100 + i]);
    const a = analyze({ selectedRange: { address: "G!A1:B21", values } });
    expect(formulas(a)[0]).toBe("=SUMIFS(B2:B21,A2:A21,1)");
    expect(a.recommendations).toContainEqual(expect.objectContaining({ kind: "pivot_table", rows: "Segment", values: "Spend", aggregation: "sum" }));
    expect(formulas(a).join(" ")).not.toMatch(/(AVERAGE|SUM|MEDIAN)\(A2/);
  });

  it("reads business headers as a spreadsheet user means them", () => {
    const headers = ["Group size", "Returns", "Unit cost", "No. of items", "# of orders", "Type", "Interest", "Invoice number"];
    const values: (string | number)[][] = [headers];
    for (let i = 0; i < 30; i++) values.push([2 + (i % 7), i % 4, 3.5 + (i % 5), 10 + i, 20 + (i % 9), (i % 3) + 1, 100 + i * 3, 5000 + i]);
    expect(roles(analyze({ selectedRange: { address: "B!A1:H31", values } }))).toEqual({
      "Group size": "additive_measure",
      Returns: "additive_measure",
      "Unit cost": "non_additive_measure",
      "No. of items": "additive_measure",
      "# of orders": "additive_measure",
      Type: "identifier",
      Interest: "additive_measure",
      "Invoice number": "identifier",
    });
  });

  it("averages rates per period instead of totalling them, and states the change in units", () => {
    const values: (string | number)[][] = [["Date", "Temperature", "Rainfall"]];
    for (let d = 0; d < 120; d++) values.push([new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10), 5 + d / 10, d % 4]);
    const a = analyze({ selectedRange: { address: "W!A1:C121", values } });
    const [temp, rain] = insights(a, "trend");
    expect(temp).toMatchObject({ series: "Temperature", aggregation: "average", changePercent: null });
    expect(temp.message).toMatch(/^Temperature \(average per month\) rises .*\(\+\d/);
    expect(rain).toMatchObject({ series: "Rainfall", aggregation: "total" });
  });

  it("buckets yearly data by year", () => {
    const values: (string | number)[][] = [["Date", "Revenue"]];
    for (let y = 2001; y <= 2012; y++) values.push([`${y}-01-01`, 1000 + 50 * (y - 2001)]);
    const a = analyze({ selectedRange: { address: "Y!A1:B13", values } });
    const [trend] = insights(a, "trend");
    expect(trend).toMatchObject({ from: "2001", to: "2012", aggregation: "total" });
    expect(trend.message).toContain("Revenue (total per year)");
    expect(formulas(a)).toContain('=SUMIFS(B2:B13,A2:A13,">="&DATE(2012,1,1),A2:A13,"<"&DATE(2013,1,1))');
  });
});

describe("culture", () => {
  const rows = [
    ["Artikel", "Gewicht", "Datum"],
    ["A", "3.504", "05/03/2024"],
    ["B", "5.030,8", "11/04/2024"],
    ["C", "12,5", "12/05/2024"],
  ];

  it("reads text numbers and dates in the workbook's culture when it is sent", () => {
    const a = analyze({ selectedRange: { address: "L!A1:C4", values: rows }, culture: { decimalSeparator: ",", thousandsSeparator: ".", dateOrder: "DMY" } });
    expect(a.cultureSource).toBe("workbook");
    expect(a.columns[1].numeric).toMatchObject({ sum: 3504 + 5030.8 + 12.5, max: 5030.8 });
    expect(a.columns[2].date).toMatchObject({ min: "2024-03-05", max: "2024-05-12" });
  });

  it("detects it from unambiguous values when it is not sent", () => {
    const a = analyze({ selectedRange: { address: "L!A1:C4", values: rows } });
    expect(a.cultureSource).toBe("detected");
    expect(a.culture).toEqual({ decimalSeparator: ",", thousandsSeparator: ".", dateOrder: "DMY" });
    expect(a.columns[1].numeric?.sum).toBeCloseTo(8547.3, 6);
  });

  it("ignores an unusable culture field and keeps the English defaults for plain values", () => {
    const ctx = parseExcelContext({ selectedRange: { address: "A1:A2", values: [["x"], ["1.5"]] }, culture: { decimalSeparator: "x", thousandsSeparator: ".", dateOrder: "DMY" } }, limits);
    expect(ctx?.culture).toBeUndefined();
    expect(analyzeExcelContext(ctx).columns[0].numeric?.sum).toBe(1.5);
    // The classifier is back on the defaults after an analysis in another culture.
    expect(classifyCell("3.504")).toEqual({ kind: "number", number: 3.504 });
  });

  it("keeps leading-zero codes as text", () => {
    expect(classifyCell("00501").kind).toBe("text");
    expect(classifyCell("0.5").kind).toBe("number");
    expect(classifyCell("3E4").kind).toBe("text");
  });
});

describe("totals and subtotals", () => {
  it("leaves a SUM total row out of the statistics and the outliers, and says so", () => {
    const values = [["Region", "Sales"], ["N", 100], ["S", 120], ["E", 90], ["W", 110], ["C", 95], ["Total", 515]];
    const formulas = values.map((r, i) => (i === 6 ? ["Total", "=SUM(B2:B6)"] : r));
    const a = analyze({ selectedRange: { address: "T!A1:B7", values, formulas } });
    expect(a.totalRows).toEqual([7]);
    expect(a.columns[1].numeric).toMatchObject({ count: 5, sum: 515, max: 120 });
    expect(a.columns[1].dataRange).toBe("B2:B6");
    expect(insights(a, "totals")[0]).toMatchObject({ rows: [7], basis: "formula" });
    expect(insights(a, "outliers")).toEqual([]);
  });

  it("does not take a last row named like a total for one unless its figures add up", () => {
    const values = [["Store", "Sales"], ["Wine Hub", 100], ["Beer Barn", 120], ["Cider Co", 90], ["Total Wine & More", 110]];
    const a = analyze({ selectedRange: { address: "T!A1:B5", values } });
    expect(a.totalRows).toEqual([]);
    expect(a.columns[1].numeric?.sum).toBe(420);
    const labelled = analyze({ selectedRange: { address: "T!A1:B5", values: [...values.slice(0, 4), ["Grand total:", 310]] } });
    expect(labelled.totalRows).toEqual([5]);
  });

  it("recognises \"All …\" rows equal to the sum of the others", () => {
    const values: (string | number)[][] = [["Year", "Group", "People"]];
    for (const y of [2000, 2010]) {
      values.push([y, "All groups", 60 + y / 1000]);
      values.push([y, "Men", 30], [y, "Women", 30 + y / 1000]);
    }
    const a = analyze({ selectedRange: { address: "P!A1:C7", values } });
    expect(a.totalRows).toEqual([2, 5]);
    expect(a.columns[2].numeric?.sum).toBeCloseTo(124.01, 9);
    expect(insights(a, "totals")[0].basis).toBe("subtotal");
  });
});

describe("numbers stored as text and dates", () => {
  it("reports numbers stored as text in a typed sheet", () => {
    const a = analyze({ selectedRange: { address: "I!A1:B6", values: [["Invoice", "Amount"], ["A-1", 10], ["A-2", "1,250.00"], ["A-3", 30], ["A-4", 40], ["A-5", 50]] } });
    expect(insights(a, "numbers_as_text")[0]).toMatchObject({ column: "B", count: 1 });
    expect(a.columns[1].numbersAsText).toBe(1);
  });

  it("does not report a pasted all-text table, nor zip codes", () => {
    const csv = analyze({ selectedRange: { address: "A1:B3", values: [["Item", "Qty"], ["a", "1"], ["b", "2"]] } });
    expect(insights(csv, "numbers_as_text")).toEqual([]);
    const zips = analyze({ selectedRange: { address: "A1:B4", values: [["Zip", "Amount"], ["02134", 5], ["01002", 6], ["03301", 7]] } });
    expect(zips.columns[0]).toMatchObject({ type: "text", role: "identifier" });
    expect(insights(zips, "numbers_as_text")).toEqual([]);
  });

  it("reads serial date-times under a date header and whole-day serials in order as dates", () => {
    const dt = analyze({ selectedRange: { address: "A1:B4", values: [["Timestamp", "kWh"], [45352.25, 1], [45352.5, 2], [45353.75, 3]] } });
    expect(dt.columns[0]).toMatchObject({ type: "date", role: "date_time", numeric: null });
    expect(dt.columns[0].date).toMatchObject({ min: "2024-03-01T06:00", max: "2024-03-02T18:00" });
    const days = analyze({ selectedRange: { address: "A1:B7", values: [["Booking", "Guests"], [45444, 3], [45445, 4], [45446, 2], [45447, 6], [45448, 5], [45449, 3]] } });
    expect(days.columns[0].type).toBe("date");
    const amounts = analyze({ selectedRange: { address: "A1:B7", values: [["Store", "Revenue"], ["a", 45444], ["b", 30000], ["c", 52000], ["d", 41000], ["e", 47000], ["f", 39000]] } });
    expect(amounts.columns[1].type).toBe("number");
  });
});

describe("rounding and distinct counts", () => {
  it("rounds a percentage change once", () => {
    const a = analyze({ selectedRange: { address: "A1:E3", values: [["Product", "Q1", "Q2", "Q3", "Q4"], ["Tea", 60, 66, 72, 80], ["Coffee", 40, 41, 43, 45.49]] } });
    const [trend] = insights(a, "trend");
    expect(trend.message).toContain("(+25%)");
    expect(trend.changePercent).toBe(25.5);
  });

  it("counts numbers in a text column and text in a number column", () => {
    const a = analyze({ selectedRange: { address: "A1:B7", values: [["Code", "Qty"], ["x", 1], ["y", 2], [12, "n/a"], [12, 3], ["x", 3], [13, 4]] } });
    expect(a.columns[0].distinct).toBe(4);
    expect(a.columns[1].distinct).toBe(5);
  });
});

describe("answerQuestion", () => {
  const values: (string | number)[][] = [["Date", "Origin", "Delay", "Distance"]];
  const origins = ["ORD", "LAX", "ORD", "JFK", "ORD", "LAX"];
  origins.forEach((o, i) => {
    values.push([`2001-0${1 + (i % 3)}-1${i}`, o, [10, -5, 4, 30, 7, 0][i], [700, 2400, 650, 1000, 720, 2300][i]]);
  });
  const ctx = parseExcelContext({ selectedRange: { address: "F!A1:D7", values } }, limits);
  const a = analyzeExcelContext(ctx);

  it("answers an average filtered by a category with AVERAGEIFS", () => {
    const answer = answerQuestion("What is the average delay for flights from ORD?", ctx, a);
    expect(answer).toMatchObject({ aggregate: "average", value: 7, formula: '=AVERAGEIFS(C2:C7,B2:B7,"ORD")', rows: 3 });
  });

  it("answers counts, maxima, medians and date ranges with the matching formulas", () => {
    expect(answerQuestion("How many flights from LAX?", ctx, a)).toMatchObject({ value: 2, formula: '=COUNTIFS(B2:B7,"LAX")' });
    expect(answerQuestion("What is the longest distance from ORD?", ctx, a)).toMatchObject({ value: 720, formula: '=MAXIFS(D2:D7,B2:B7,"ORD")' });
    expect(answerQuestion("median distance", ctx, a)).toMatchObject({ value: 860, formula: "=MEDIAN(D2:D7)" });
    expect(answerQuestion("total distance in February 2001", ctx, a)).toMatchObject({
      value: 2400 + 720,
      formula: '=SUMIFS(D2:D7,A2:A7,">="&DATE(2001,2,1),A2:A7,"<"&EDATE(DATE(2001,2,1),1))',
    });
  });

  it("answers a total of a non-additive measure with its average, and lists top N", () => {
    expect(answerQuestion("What is the total delay?", ctx, a)).toMatchObject({ aggregate: "average", formula: "=AVERAGE(C2:C7)" });
    expect(answerQuestion("top 2 distance", ctx, a)?.text).toContain("2,400");
  });

  it("returns null when the question is not an aggregate", () => {
    expect(answerQuestion("Make the header bold", ctx, a)).toBeNull();
  });

  it("reads the highest number of something as a maximum, not a count", () => {
    expect(answerQuestion("What is the highest number of delay minutes?", ctx, a)).toMatchObject({ aggregate: "max" });
  });

  it("answers a large selection from the add-in's figures of every cell, never from its sample", () => {
    const values: (string | number)[][] = [["Region", "Amount"]];
    for (let i = 0; i < 60_000; i++) values.push([i % 2 === 0 ? "North" : "South", (i % 7) + 1]);
    const sum = values.slice(1).reduce((s, r) => s + (r[1] as number), 0);
    const { payload } = buildLargeSelectionPayload({ workbook: "Big.xlsx", sheet: "Data", startRow: 1, startColumn: 1, values });
    const big = parseExcelContext(payload, { maxCells: 1_000_000 });
    const whole = analyzeExcelContext(big);
    expect(big?.areas[0].values.length).toBeLessThan(1_000);
    expect(answerQuestion("What is the total amount?", big, whole)).toMatchObject({ value: sum, formula: "=SUM(B2:B60001)" });
    // A filter needs every row: no figure from the sample, the formula over the whole range instead.
    const filtered = answerQuestion("What is the total amount for North?", big, whole);
    expect(filtered).toMatchObject({ value: null, formula: '=SUMIFS(B2:B60001,A2:A60001,"North")' });
    expect(filtered?.text).toContain("cannot be computed exactly here");
  });
});

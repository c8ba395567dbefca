// Hand-made sheets for the ways real workbooks used to mislead the analysis. Each is small,
// written out here, and describes its own reference table.
import type { EvalCase, ReferenceTable } from "./corpus";
import { isoToSerial } from "./corpus";
import type { Raw } from "./data";

const OWN = { source: "Written for this evaluation (eval/pathological.ts)", licence: "Same as this repository" };

function context(address: string, values: Raw[][], extra: Record<string, unknown> = {}, range: Record<string, unknown> = {}): Record<string, unknown> {
  return { selectedRange: { address, values, ...range }, worksheet: { name: address.split("!")[0] }, ...extra };
}

// A German workbook imported as text: "3.504" is 3504 kg, "5.030,8" is 5030.8, dates are day first.
const GERMAN_ROWS: [string, string, string, string][] = [
  ["Schrauben", "3.504", "12,50", "05/03/2024"],
  ["Muttern", "5.030,8", "8,75", "25/03/2024"],
  ["Bolzen", "1.250", "15,00", "02/04/2024"],
  ["Scheiben", "980,5", "4,20", "11/04/2024"],
  ["Dübel", "2.100", "6,10", "03/05/2024"],
  ["Nägel", "12.400,25", "3,95", "12/05/2024"],
];
const GERMAN_REF: ReferenceTable = {
  headers: ["Artikel", "Gewicht (kg)", "Preis je Stück", "Datum"],
  rows: [
    ["Schrauben", 3504, 12.5, "2024-03-05"],
    ["Muttern", 5030.8, 8.75, "2024-03-25"],
    ["Bolzen", 1250, 15, "2024-04-02"],
    ["Scheiben", 980.5, 4.2, "2024-04-11"],
    ["Dübel", 2100, 6.1, "2024-05-03"],
    ["Nägel", 12400.25, 3.95, "2024-05-12"],
  ],
};
const GERMAN_ROLES = { Artikel: "text", "Gewicht (kg)": "additive_measure", "Preis je Stück": "non_additive_measure", Datum: "date_time" } as const;

const REGIONS = ["North", "South", "East", "West", "Central", "Coast", "Hills", "Plains"];
const SALES = [1200, 950, 1430, 870, 1010, 1330, 760, 1180];

function salesWithTotal(): Record<string, unknown> {
  const values: Raw[][] = [["Region", "Sales"], ...REGIONS.map((r, i) => [r, SALES[i]]), ["Total", SALES.reduce((a, b) => a + b, 0)]];
  const formulas: Raw[][] = values.map((row, i) => (i === values.length - 1 ? ["Total", "=SUM(B2:B9)"] : row));
  return context("Sales!A1:B10", values, {}, { formulas });
}

function subtotalRows(): { values: Raw[][]; reference: ReferenceTable } {
  const products = ["Tea", "Coffee", "Cocoa"];
  const values: Raw[][] = [["Region", "Product", "Units"]];
  const rows: Raw[][] = [];
  REGIONS.slice(0, 4).forEach((region, i) => {
    const units = products.map((_, j) => 100 + 37 * i + 53 * j);
    values.push([region, "All products", units.reduce((a, b) => a + b, 0)]);
    products.forEach((p, j) => {
      values.push([region, p, units[j]]);
      rows.push([region, p, units[j]]);
    });
  });
  return { values, reference: { headers: ["Region", "Product", "Units"], rows } };
}

function zipSheet(): { values: Raw[][]; reference: ReferenceTable } {
  const zips = ["02134", "02139", "01002", "03301", "04101", "05401", "06510", "07302", "08540", "02134", "01060", "02108"];
  const cities = ["Boston", "Cambridge", "Amherst", "Concord", "Portland", "Burlington", "New Haven", "Jersey City", "Princeton", "Boston", "Northampton", "Boston"];
  const amounts = [120.5, 98, 45.25, 310, 87.5, 150, 99.99, 210, 75, 64.5, 130, 88];
  const rows = zips.map((z, i) => [z, cities[i], amounts[i]]);
  return { values: [["Zip", "City", "Amount"], ...rows], reference: { headers: ["Zip", "City", "Amount"], rows } };
}

function serialDateTimes(): { values: Raw[][]; reference: ReferenceTable } {
  const rows: Raw[][] = [];
  const values: Raw[][] = [["date", "kWh"]];
  for (let i = 0; i < 48; i++) {
    const day = 1 + Math.floor(i / 4);
    const hour = (i % 4) * 6;
    const iso = `2024-02-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00`;
    const kwh = 10 + ((i * 7) % 13);
    rows.push([iso, kwh]);
    values.push([isoToSerial(iso), kwh]);
  }
  return { values, reference: { headers: ["date", "kWh"], rows } };
}

function wholeDaySerials(): { values: Raw[][]; reference: ReferenceTable } {
  const rows: Raw[][] = [];
  const values: Raw[][] = [["Booking", "Guests"]];
  for (let i = 0; i < 30; i++) {
    const d = new Date(Date.UTC(2024, 5, 1 + i));
    const iso = d.toISOString().slice(0, 10);
    rows.push([iso, 20 + ((i * 11) % 17)]);
    values.push([isoToSerial(iso), 20 + ((i * 11) % 17)]);
  }
  return { values, reference: { headers: ["Booking", "Guests"], rows } };
}

function percentages(): { values: Raw[][]; reference: ReferenceTable; formats: string[][] } {
  const shares = [0.2549, 0.1875, 0.3125, 0.0951, 0.15, 0.2211, 0.1789, 0.3312, 0.0877, 0.1234];
  const rows: Raw[][] = shares.map((s, i) => [`Store ${i + 1}`, s, 1000 + 125 * i]);
  return {
    values: [["Store", "Margin", "Revenue"], ...rows],
    reference: { headers: ["Store", "Margin", "Revenue"], rows },
    formats: [["General", "General", "General"], ...rows.map(() => ["General", "0.0%", "#,##0"])],
  };
}

function temperatures(): { values: Raw[][]; reference: ReferenceTable } {
  const rows: Raw[][] = [];
  const values: Raw[][] = [["Day", "Temperature (°C)", "Rainfall (mm)"]];
  for (let i = 0; i < 180; i++) {
    const d = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const t = Math.round((2 + i * 0.1 + 3 * Math.sin(i / 5)) * 10) / 10;
    const rain = (i * 13) % 9;
    rows.push([d, t, rain]);
    values.push([d, t, rain]);
  }
  return { values, reference: { headers: ["Day", "Temperature (°C)", "Rainfall (mm)"], rows } };
}

function monthNumbers(): { values: Raw[][]; reference: ReferenceTable } {
  const rows: Raw[][] = [];
  for (const year of [2023, 2024]) for (let m = 1; m <= 12; m++) rows.push([year, m, 1000 + 40 * m + (year - 2023) * 300]);
  return { values: [["Year", "Month", "Sales"], ...rows], reference: { headers: ["Year", "Month", "Sales"], rows } };
}

function codes(): { values: Raw[][]; reference: ReferenceTable } {
  const rows: Raw[][] = [];
  for (let i = 0; i < 40; i++) rows.push([(i % 2) + 1, 18 + ((i * 7) % 50), 200 + ((i * 37) % 400)]);
  return { values: [["Segment", "Age", "Spend"], ...rows], reference: { headers: ["Segment", "Age", "Spend"], rows } };
}

function textNumbers(): { values: Raw[][]; reference: ReferenceTable } {
  const amounts = [120, 340, 560, 80, 1250, 90, 410, 230, 175, 660, 300, 45];
  const rows: Raw[][] = amounts.map((a, i) => [`INV-${1000 + i}`, a]);
  const values: Raw[][] = [["Invoice", "Amount"], ...amounts.map((a, i) => [`INV-${1000 + i}`, i === 4 ? "1,250.00" : i === 9 ? "660" : a])];
  return { values, reference: { headers: ["Invoice", "Amount"], rows } };
}

const subtotals = subtotalRows();
const zip = zipSheet();
const dateTimes = serialDateTimes();
const wholeDays = wholeDaySerials();
const pct = percentages();
const temps = temperatures();
const months = monthNumbers();
const codeSheet = codes();
const asText = textNumbers();

export const PATHOLOGICAL: EvalCase[] = [
  {
    id: "german-workbook",
    title: "German workbook (culture sent): 3.504 kg, 5.030,8 kg, day-first dates",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Lager!A1:D7", [GERMAN_REF.headers, ...GERMAN_ROWS], { culture: { decimalSeparator: ",", thousandsSeparator: ".", dateOrder: "DMY" } }),
    reference: () => GERMAN_REF,
    roles: { ...GERMAN_ROLES },
    questions: [{ question: "Wie hoch ist das total Gewicht (kg)? What is the total Gewicht?", expected: (t) => t.rows.reduce((a, r) => a + (r[1] as number), 0), formulaHas: ["SUM(B2:B7)"] }],
  },
  {
    id: "german-detected",
    title: "German workbook without a culture field: the values reveal it",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Lager!A1:D7", [GERMAN_REF.headers, ...GERMAN_ROWS]),
    reference: () => GERMAN_REF,
    roles: { ...GERMAN_ROLES },
  },
  {
    id: "total-row",
    title: "A Total row with =SUM(B2:B9) under the data",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: salesWithTotal,
    reference: () => ({ headers: ["Region", "Sales"], rows: REGIONS.map((r, i) => [r, SALES[i]]) }),
    roles: { Region: "text", Sales: "additive_measure" },
    findings: ["totals"],
    mustNotSay: ["outlier"],
    questions: [{ question: "What is the total Sales?", expected: () => SALES.reduce((a, b) => a + b, 0), formulaHas: ["SUM(B2:B9)"] }],
  },
  {
    id: "subtotal-rows",
    title: "\"All products\" subtotal rows inside the data",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Units!A1:C17", subtotals.values),
    reference: () => subtotals.reference,
    roles: { Region: "category", Product: "category", Units: "additive_measure" },
    findings: ["totals"],
  },
  {
    id: "zip-codes-as-text",
    title: "Zip codes with leading zeros stored as text in a typed sheet",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Orders!A1:C13", zip.values),
    reference: () => zip.reference,
    roles: { Zip: "identifier", City: "category", Amount: "additive_measure" },
  },
  {
    id: "serial-date-times",
    title: "Date-times sent as serial numbers without a format under a \"date\" header",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Meter!A1:B49", dateTimes.values),
    reference: () => dateTimes.reference,
    roles: { date: "date_time", kWh: "additive_measure" },
  },
  {
    id: "whole-day-serials",
    title: "Whole-day serials in order without a format or a date header",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Bookings!A1:B31", wholeDays.values),
    reference: () => wholeDays.reference,
    roles: { Booking: "date_time", Guests: "additive_measure" },
  },
  {
    id: "percentages",
    title: "Percentages formatted 0.0% next to revenue",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Stores!A1:C11", pct.values, {}, { numberFormat: pct.formats }),
    reference: () => pct.reference,
    roles: { Store: "text", Margin: "non_additive_measure", Revenue: "additive_measure" },
  },
  {
    id: "temperatures",
    title: "Daily temperatures and rainfall over six months (text dates)",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Weather!A1:C181", temps.values),
    reference: () => temps.reference,
    roles: { Day: "date_time", "Temperature (°C)": "non_additive_measure", "Rainfall (mm)": "additive_measure" },
    mustSay: ["Temperature (°C) (average per month)", "Rainfall (mm) (total per month)"],
    mustNotSay: ["Temperature (°C) (total per"],
  },
  {
    id: "month-numbers",
    title: "Month numbers 1–12 beside the sales they index",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Monthly!A1:C25", months.values),
    reference: () => months.reference,
    roles: { Year: "year", Month: "identifier", Sales: "additive_measure" },
    mustSay: ["=SUM(C2:C25)"],
  },
  {
    id: "one-two-codes",
    title: "A 1/2 segment code next to age and spend",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Survey!A1:C41", codeSheet.values),
    reference: () => codeSheet.reference,
    roles: { Segment: "identifier", Age: "non_additive_measure", Spend: "additive_measure" },
  },
  {
    id: "numbers-as-text",
    title: "Two amounts typed as text among real numbers",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Invoices!A1:B13", asText.values),
    reference: () => asText.reference,
    roles: { Invoice: "identifier", Amount: "additive_measure" },
    findings: ["numbers_as_text"],
  },
  {
    id: "rounded-once",
    title: "A +25.49% change is shown as +25%, not rounded twice to +26%",
    kind: "pathological",
    ...OWN,
    fast: true,
    context: () => context("Q!A1:E3", [["Product", "Q1", "Q2", "Q3", "Q4"], ["Tea", 60, 66, 72, 80], ["Coffee", 40, 41, 43, 45.49]]),
    reference: () => ({ headers: ["Product", "Q1", "Q2", "Q3", "Q4"], rows: [["Tea", 60, 66, 72, 80], ["Coffee", 40, 41, 43, 45.49]] }),
    roles: { Product: "text", Q1: "additive_measure", Q2: "additive_measure", Q3: "additive_measure", Q4: "additive_measure" },
    mustSay: ["(+25%)"],
    mustNotSay: ["+26%"],
  },
];

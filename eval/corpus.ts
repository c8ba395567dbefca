// The evaluation corpus: real public datasets of different shapes, plus the pathological cases
// that used to mislead (a German workbook, total and subtotal rows, zip codes stored as text,
// serial dates and date-times, percentages, temperatures, month numbers, 1/2 codes, numbers
// stored as text, a figure rounded twice). Each case says how the sheet reaches the engine (as
// the add-in sends it: typed numbers, date serials with their formats, formulas, the culture),
// what each column means (the expected role), and the table as the dataset means it, from which
// the evaluator computes reference figures itself. To add a case, append it to `CASES` (or to
// `LARGE_SELECTION_CASES` in corpus-large.ts); the scorecard picks it up.
import type { ColumnRole, Insight } from "@/lib/excel";
import { provenance, readDelimited, readJson, type Raw, type Row } from "./data";

/** The table as the dataset means it: numbers as numbers, dates as ISO strings (`yyyy-mm-dd[Thh:mm]`). */
export interface ReferenceTable {
  headers: string[];
  rows: Raw[][];
}

export interface EvalQuestion {
  question: string;
  /** The figure, computed by the evaluator from the reference table. */
  expected: (t: ReferenceTable) => number;
  /** Text the formula must contain (the function, a criterion). */
  formulaHas?: string[];
}

export interface EvalCase {
  id: string;
  title: string;
  kind: "dataset" | "pathological" | "large_selection";
  source: string;
  licence: string;
  /** Part of the fast subset that runs with the unit tests. */
  fast: boolean;
  /** The Excel context as the add-in sends it. */
  context: () => Record<string, unknown>;
  /** The data rows the figures must describe (totals and subtotals left out). */
  reference: () => ReferenceTable;
  /** Expected role per header (every column of the sheet). */
  roles: Record<string, ColumnRole>;
  questions?: EvalQuestion[];
  /** Findings that must be reported. */
  findings?: Insight["kind"][];
  /** Sentences (or parts) the analysis must contain, e.g. a percentage rounded once. */
  mustSay?: string[];
  mustNotSay?: string[];
}

// ---------------------------------------------------------------------------------------------
// Putting a dataset in a sheet the way Excel holds it
// ---------------------------------------------------------------------------------------------

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** ISO date or date-time text → Excel serial (1900 system), computed here independently of the engine. */
export function isoToSerial(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  return ms / 86_400_000 + 25_569;
}

interface SheetColumn {
  header: string;
  /** How the cell reaches Excel: as is, or an ISO date turned into a serial with this format. */
  dateFormat?: string;
  /** Number format for the whole column (e.g. `0.0%`). */
  numberFormat?: string;
}

interface SheetOptions {
  sheet?: string;
  culture?: Record<string, unknown>;
  formulas?: (string | null)[][];
}

/** A raw context: header row plus data rows on `Sheet!A1:…`, typed as Excel would hold them. */
function sheetContext(columns: SheetColumn[], rows: Raw[][], options: SheetOptions = {}): Record<string, unknown> {
  const sheet = options.sheet ?? "Data";
  const values: Raw[][] = [columns.map((c) => c.header)];
  const formats: (string | null)[][] = [columns.map(() => "General")];
  let anyFormat = false;
  for (const row of rows) {
    values.push(
      row.map((v, j) => {
        const c = columns[j];
        if (c.dateFormat && typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return isoToSerial(v);
        return v;
      }),
    );
    formats.push(
      columns.map((c) => {
        const f = c.dateFormat ?? c.numberFormat ?? null;
        if (f) anyFormat = true;
        return f ?? "General";
      }),
    );
  }
  const address = `${sheet}!A1:${columnLetter(columns.length)}${values.length}`;
  const selectedRange: Record<string, unknown> = { address, values, rowCount: values.length, columnCount: columns.length };
  if (anyFormat) selectedRange.numberFormat = formats;
  if (options.formulas) selectedRange.formulas = options.formulas;
  return { selectedRange, worksheet: { name: sheet }, workbook: { name: "Eval.xlsx" }, ...(options.culture ? { culture: options.culture } : {}) };
}

/** A CSV field as Excel types it on import: numbers become numbers, codes with leading zeros stay text. */
function typed(field: string): Raw {
  const s = field.trim();
  if (s === "" || s === "NA") return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$|^-?\.\d+$/.test(s)) return Number(s);
  return s;
}

function fromRows(rows: Row[], headers: string[], map: (h: string, v: Raw) => Raw = (_h, v) => v): Raw[][] {
  return rows.map((r) => headers.map((h) => map(h, r[h] ?? null)));
}

function dataset(
  file: string,
  spec: {
    id: string;
    title: string;
    fast?: boolean;
    limit?: number;
    columns: SheetColumn[];
    /** Rows as the sheet holds them; defaults to the file's rows. */
    rows?: () => Raw[][];
    roles: Record<string, ColumnRole>;
    questions?: EvalQuestion[];
    findings?: Insight["kind"][];
    /** The reference form of a sheet value (text dates as ISO). */
    reference?: (header: string, v: Raw) => Raw;
    /** Rows the figures must leave out (subtotals in the data). */
    isSubtotal?: (row: Raw[]) => boolean;
    mustSay?: string[];
    mustNotSay?: string[];
  },
): EvalCase {
  const headers = spec.columns.map((c) => c.header);
  const load = (): Raw[][] => {
    if (spec.rows) return spec.rows();
    if (file.endsWith(".json")) return fromRows(readJson(file), headers);
    const { headers: fileHeaders, rows } = readDelimited(file, file.endsWith(".tsv") ? "\t" : ",");
    return rows.map((r) => headers.map((h) => typed(r[fileHeaders.indexOf(h)] ?? "")));
  };
  let cache: Raw[][] | null = null;
  const rows = () => {
    cache ??= spec.limit ? load().slice(0, spec.limit) : load();
    return cache;
  };
  return {
    id: spec.id,
    title: spec.title,
    kind: "dataset",
    ...provenance(file),
    fast: spec.fast ?? false,
    context: () => sheetContext(spec.columns, rows()),
    reference: () => {
      const kept = spec.isSubtotal ? rows().filter((r) => !spec.isSubtotal?.(r)) : rows();
      const map = spec.reference;
      return { headers, rows: map ? kept.map((r) => r.map((v, j) => map(headers[j], v))) : kept };
    },
    roles: spec.roles,
    questions: spec.questions,
    findings: spec.findings,
    mustSay: spec.mustSay,
    mustNotSay: spec.mustNotSay,
  };
}

// ---------------------------------------------------------------------------------------------
// Reference helpers (plain arithmetic over the reference table)
// ---------------------------------------------------------------------------------------------

function col(t: ReferenceTable, header: string): number {
  const i = t.headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
}

function numbersWhere(t: ReferenceTable, measure: string, where: (row: Raw[]) => boolean): number[] {
  const j = col(t, measure);
  return t.rows.filter(where).map((r) => r[j]).filter((v): v is number => typeof v === "number");
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function eq(t: ReferenceTable, header: string, value: Raw): (row: Raw[]) => boolean {
  const j = col(t, header);
  return (row) => row[j] === value;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Jun 12 1998` → `1998-06-12`, for the reference (the sheet keeps the text). */
function namedDate(v: Raw): Raw {
  const m = typeof v === "string" ? /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(v) : null;
  if (!m) return v;
  return `${m[3]}-${String(MONTHS.indexOf(m[1]) + 1).padStart(2, "0")}-${m[2].padStart(2, "0")}`;
}

/** Flight dates in the dataset are `2001/01/01 06:55`: as ISO for the reference and the sheet. */
function flightDate(v: Raw): Raw {
  return typeof v === "string" ? v.replace(/\//g, "-").replace(" ", "T") : v;
}

// ---------------------------------------------------------------------------------------------
// Real datasets
// ---------------------------------------------------------------------------------------------

const REAL: EvalCase[] = [
  dataset("cars.json", {
    id: "cars",
    title: "Cars: one row per car model (1970–1982), attributes per car",
    fast: true,
    columns: [
      { header: "Name" },
      { header: "Miles_per_Gallon" },
      { header: "Cylinders" },
      { header: "Displacement" },
      { header: "Horsepower" },
      { header: "Weight_in_lbs" },
      { header: "Acceleration" },
      { header: "Year", dateFormat: "yyyy-mm-dd" },
      { header: "Origin" },
    ],
    roles: {
      Name: "text",
      Miles_per_Gallon: "non_additive_measure",
      Cylinders: "identifier",
      Displacement: "non_additive_measure",
      Horsepower: "non_additive_measure",
      Weight_in_lbs: "additive_measure",
      Acceleration: "non_additive_measure",
      Year: "date_time",
      Origin: "category",
    },
    questions: [
      {
        question: "What is the average Miles_per_Gallon for cars from Japan?",
        expected: (t) => mean(numbersWhere(t, "Miles_per_Gallon", eq(t, "Origin", "Japan"))),
        formulaHas: ["AVERAGEIFS(", '"Japan"'],
      },
      {
        question: "What is the total Miles_per_Gallon?",
        expected: (t) => mean(numbersWhere(t, "Miles_per_Gallon", () => true)),
        formulaHas: ["AVERAGE("],
      },
    ],
    mustNotSay: ["Miles_per_Gallon (total per"],
  }),
  dataset("movies.json", {
    id: "movies",
    title: "Movies: grosses, budgets and ratings of 3,201 films",
    columns: [
      "Title",
      "US Gross",
      "Worldwide Gross",
      "US DVD Sales",
      "Production Budget",
      "Release Date",
      "MPAA Rating",
      "Running Time min",
      "Distributor",
      "Source",
      "Major Genre",
      "Creative Type",
      "Director",
      "Rotten Tomatoes Rating",
      "IMDB Rating",
      "IMDB Votes",
    ].map((header) => ({ header })),
    roles: {
      Title: "text",
      "US Gross": "additive_measure",
      "Worldwide Gross": "additive_measure",
      "US DVD Sales": "additive_measure",
      "Production Budget": "additive_measure",
      "Release Date": "date_time",
      "MPAA Rating": "category",
      "Running Time min": "non_additive_measure",
      Distributor: "category",
      Source: "category",
      "Major Genre": "category",
      "Creative Type": "category",
      Director: "text",
      "Rotten Tomatoes Rating": "non_additive_measure",
      "IMDB Rating": "non_additive_measure",
      "IMDB Votes": "additive_measure",
    },
    reference: (h, v) => (h === "Release Date" ? namedDate(v) : v),
    questions: [
      {
        question: "What is the total Worldwide Gross for Major Genre Comedy?",
        expected: (t) => total(numbersWhere(t, "Worldwide Gross", eq(t, "Major Genre", "Comedy"))),
        formulaHas: ["SUMIFS(", '"Comedy"'],
      },
      {
        question: "What is the highest IMDB Rating?",
        expected: (t) => Math.max(...numbersWhere(t, "IMDB Rating", () => true)),
        formulaHas: ["MAX("],
      },
    ],
  }),
  dataset("flights-10k.json", {
    id: "flights",
    title: "Flights: 10,000 US flights in early 2001 (date-times, delays, airports)",
    fast: true,
    columns: [{ header: "date", dateFormat: "m/d/yyyy h:mm" }, { header: "delay" }, { header: "distance" }, { header: "origin" }, { header: "destination" }],
    rows: () => fromRows(readJson("flights-10k.json"), ["date", "delay", "distance", "origin", "destination"], (h, v) => (h === "date" ? flightDate(v) : v)),
    roles: { date: "date_time", delay: "non_additive_measure", distance: "additive_measure", origin: "category", destination: "category" },
    questions: [
      {
        question: "What is the average delay for flights from ORD?",
        expected: (t) => mean(numbersWhere(t, "delay", eq(t, "origin", "ORD"))),
        formulaHas: ["AVERAGEIFS(B2:B10001,D2:D10001,\"ORD\")"],
      },
      {
        question: "How many flights to ORD?",
        expected: (t) => t.rows.filter(eq(t, "destination", "ORD")).length,
        formulaHas: ["COUNTIFS(E2:E10001,\"ORD\")"],
      },
      {
        question: "What is the maximum delay for flights from DFW?",
        expected: (t) => Math.max(...numbersWhere(t, "delay", eq(t, "origin", "DFW"))),
        formulaHas: ["MAXIFS("],
      },
      {
        question: "What is the median distance from LAX?",
        expected: (t) => {
          const xs = numbersWhere(t, "distance", eq(t, "origin", "LAX")).sort((a, b) => a - b);
          return (xs[Math.floor((xs.length - 1) / 2)] + xs[Math.ceil((xs.length - 1) / 2)]) / 2;
        },
        formulaHas: ["MEDIAN(FILTER("],
      },
    ],
  }),
  dataset("seattle-weather.csv", {
    id: "seattle-weather",
    title: "Seattle weather: daily precipitation, temperatures and wind, 2012–2015",
    fast: true,
    columns: [{ header: "date", dateFormat: "yyyy-mm-dd" }, { header: "precipitation" }, { header: "temp_max" }, { header: "temp_min" }, { header: "wind" }, { header: "weather" }],
    roles: { date: "date_time", precipitation: "additive_measure", temp_max: "non_additive_measure", temp_min: "non_additive_measure", wind: "non_additive_measure", weather: "category" },
    questions: [
      {
        question: "What is the total precipitation in 2014?",
        expected: (t) => total(numbersWhere(t, "precipitation", (r) => String(r[0]).startsWith("2014"))),
        formulaHas: ["SUMIFS(", "DATE(2014,1,1)"],
      },
      {
        question: "What is the average temp_max in July 2013?",
        expected: (t) => mean(numbersWhere(t, "temp_max", (r) => String(r[0]).startsWith("2013-07"))),
        formulaHas: ["AVERAGEIFS(", "DATE(2013,7,1)"],
      },
    ],
    mustNotSay: ["temp_max (total per", "wind (total per"],
  }),
  dataset("population.json", {
    id: "population",
    title: "US population by year, age group and sex (1850–2000)",
    fast: true,
    columns: [{ header: "year" }, { header: "age" }, { header: "sex" }, { header: "people" }],
    roles: { year: "year", age: "non_additive_measure", sex: "identifier", people: "additive_measure" },
    questions: [
      {
        question: "What is the total people in 2000?",
        expected: (t) => total(numbersWhere(t, "people", eq(t, "year", 2000))),
        formulaHas: ["SUMIFS(D2:D571,A2:A571,2000)"],
      },
      {
        question: "What is the total people for sex 2 in 1900?",
        expected: (t) => total(numbersWhere(t, "people", (r) => r[2] === 2 && r[0] === 1900)),
        formulaHas: ["SUMIFS(D2:D571,C2:C571,2,A2:A571,1900)"],
      },
    ],
  }),
  dataset("gapminder.json", {
    id: "gapminder",
    title: "Gapminder: population, life expectancy and fertility per country, every 5 years",
    columns: [{ header: "year" }, { header: "country" }, { header: "cluster" }, { header: "pop" }, { header: "life_expect" }, { header: "fertility" }],
    roles: { year: "year", country: "category", cluster: "identifier", pop: "additive_measure", life_expect: "non_additive_measure", fertility: "non_additive_measure" },
    questions: [
      {
        question: "What is the average life_expect for country Japan?",
        expected: (t) => mean(numbersWhere(t, "life_expect", eq(t, "country", "Japan"))),
        formulaHas: ["AVERAGEIFS(", '"Japan"'],
      },
    ],
    mustSay: ["min=1955; max=2005"],
  }),
  dataset("stocks.csv", {
    id: "stocks",
    title: "Monthly stock prices of five companies, 2000–2010 (dates written as text)",
    columns: [{ header: "symbol" }, { header: "date" }, { header: "price" }],
    roles: { symbol: "category", date: "date_time", price: "non_additive_measure" },
    reference: (h, v) => (h === "date" ? namedDate(v) : v),
    questions: [
      {
        question: "What is the average price for AAPL?",
        expected: (t) => mean(numbersWhere(t, "price", eq(t, "symbol", "AAPL"))),
        formulaHas: ["AVERAGEIFS(", '"AAPL"'],
      },
    ],
    mustNotSay: ["price (total per"],
  }),
  dataset("barley.json", {
    id: "barley",
    title: "Barley yields per variety, site and year (1931–1932)",
    columns: [{ header: "yield" }, { header: "variety" }, { header: "year" }, { header: "site" }],
    roles: { yield: "non_additive_measure", variety: "category", year: "year", site: "category" },
  }),
  dataset("unemployment-across-industries.json", {
    id: "unemployment-industries",
    title: "US unemployment by industry and month, 2000–2010 (month numbers, rates, counts)",
    fast: true,
    columns: [{ header: "series" }, { header: "year" }, { header: "month" }, { header: "count" }, { header: "rate" }, { header: "date", dateFormat: "yyyy-mm-dd hh:mm" }],
    rows: () => fromRows(readJson("unemployment-across-industries.json"), ["series", "year", "month", "count", "rate", "date"], (h, v) => (h === "date" && typeof v === "string" ? v.slice(0, 16) : v)),
    roles: { series: "category", year: "year", month: "identifier", count: "additive_measure", rate: "non_additive_measure", date: "date_time" },
    mustNotSay: ["rate (total per"],
  }),
  dataset("penguins.json", {
    id: "penguins",
    title: "Palmer penguins: body measurements per bird",
    columns: ["Species", "Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Sex"].map((header) => ({ header })),
    roles: {
      Species: "category",
      Island: "category",
      "Beak Length (mm)": "non_additive_measure",
      "Beak Depth (mm)": "non_additive_measure",
      "Flipper Length (mm)": "non_additive_measure",
      "Body Mass (g)": "additive_measure",
      Sex: "category",
    },
  }),
  dataset("airports.csv", {
    id: "airports",
    title: "US airports: codes, places and coordinates",
    columns: ["iata", "name", "city", "state", "country", "latitude", "longitude"].map((header) => ({ header })),
    roles: { iata: "identifier", name: "text", city: "text", state: "category", country: "category", latitude: "coordinate", longitude: "coordinate" },
  }),
  dataset("zipcodes.csv", {
    id: "zipcodes",
    title: "US zip codes with leading zeros stored as text, and coordinates (first 3,000)",
    limit: 3_000,
    columns: ["zip_code", "latitude", "longitude", "city", "state", "county"].map((header) => ({ header })),
    roles: { zip_code: "identifier", latitude: "coordinate", longitude: "coordinate", city: "text", state: "category", county: "category" },
  }),
  dataset("disasters.csv", {
    id: "disasters",
    title: "Deaths from natural disasters per type and year, with \"All natural disasters\" subtotal rows",
    fast: true,
    columns: [{ header: "Entity" }, { header: "Year" }, { header: "Deaths" }],
    roles: { Entity: "category", Year: "year", Deaths: "additive_measure" },
    isSubtotal: (row) => row[0] === "All natural disasters",
    findings: ["totals"],
  }),
  dataset("iowa-electricity.csv", {
    id: "iowa-electricity",
    title: "Iowa electricity generation per source, yearly (2001–2017)",
    columns: [{ header: "year", dateFormat: "yyyy-mm-dd" }, { header: "source" }, { header: "net_generation" }],
    roles: { year: "date_time", source: "category", net_generation: "additive_measure" },
    mustSay: ["net_generation (total per year)"],
  }),
  dataset("global-temp.csv", {
    id: "global-temp",
    title: "Global temperature anomaly per year (1880–2024)",
    columns: [{ header: "year" }, { header: "temp" }],
    roles: { year: "year", temp: "non_additive_measure" },
    mustSay: ["temp (average per year)"],
    mustNotSay: ["temp (total per"],
  }),
  dataset("income.json", {
    id: "income",
    title: "US household income brackets per state (share and count)",
    columns: ["name", "region", "id", "pct", "total", "group"].map((header) => ({ header })),
    roles: { name: "category", region: "category", id: "identifier", pct: "non_additive_measure", total: "additive_measure", group: "category" },
  }),
  dataset("jobs.json", {
    id: "jobs",
    title: "US jobs by occupation, sex and census year (1850–2000)",
    columns: ["job", "sex", "year", "count", "perc"].map((header) => ({ header })),
    roles: { job: "category", sex: "category", year: "year", count: "additive_measure", perc: "non_additive_measure" },
  }),
];

export { REAL as REAL_DATASETS };

// The playground's reader, run directly (in the browser the same function runs inside a Web
// Worker): .xlsx, .xls and CSV in the encodings and delimiters people send, hostile workbooks
// that must not reach Object.prototype, and the messages for files it refuses.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { utils, version, write, type WorkBook } from "xlsx";
import { applyToWorkbook } from "@/lib/workbook/apply-proposal";
import { parseUpload, decodeCsv } from "@/lib/workbook/parse-upload";
import { readGrid } from "@/lib/workbook/read-grid";
import { usedRect } from "@/lib/workbook/sheet-range";
import { loadSheetJs } from "@/lib/workbook/sheetjs";
import { MAX_UPLOAD_BYTES, unreadableMessage, uploadProblem } from "@/lib/workbook/workbook-file";
import { prototypeWorkbook, stallingWorkbook } from "../../fixtures/workbooks/build-hostile-workbooks";
import { salesRows, writeSalesFixtures } from "../../fixtures/workbooks/build-sales-workbook";

const bytesOf = (buffer: Uint8Array): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
const fileBytes = (file: string) => bytesOf(readFileSync(file));
const grid = (workbook: WorkBook, sheet: string) => readGrid(workbook.Sheets[sheet], usedRect(workbook.Sheets[sheet])!);

let fixtures: ReturnType<typeof writeSalesFixtures>;
beforeAll(async () => {
  fixtures = writeSalesFixtures(mkdtempSync(path.join(tmpdir(), "parse-upload-")));
  await loadSheetJs();
});

describe("workbooks", () => {
  const rows = salesRows();

  it("uses a SheetJS with the fixes for the published advisories (0.19.3 prototype pollution, 0.20.2 ReDoS)", () => {
    const [major, minor, patch] = version.split(".").map(Number);
    expect(major * 1_000_000 + minor * 1_000 + patch, `SheetJS ${version}`).toBeGreaterThanOrEqual(20_002);
  });

  it("reads .xlsx with formulas, number formats and every sheet", () => {
    const workbook = parseUpload(fileBytes(fixtures.xlsx), "sales.xlsx");
    expect(workbook.SheetNames).toEqual(["Sales", "Notes"]);
    const cells = grid(workbook, "Sales");
    expect(cells.values).toHaveLength(rows.length + 1);
    expect(cells.values[1]).toEqual([rows[0].date, rows[0].region, rows[0].units, rows[0].price, rows[0].revenue]);
    expect(cells.formulas[1][4]).toBe("=C2*D2");
    expect(cells.numberFormat[1][0]).toBe("yyyy-mm-dd");
    expect(cells.numberFormat[1][4]).toBe("$#,##0.00");
    expect(workbook.Sheets.Sales.E2.w).toBe(`$${rows[0].revenue.toFixed(2)}`);
    expect(grid(workbook, "Notes").values[1]).toEqual(["Currency", "USD"]);
  });

  it("reads legacy .xls (BIFF8) with values, dates and formats", () => {
    const workbook = parseUpload(fileBytes(fixtures.xls), "sales.xls");
    expect(workbook.SheetNames).toEqual(["Sales", "Notes"]);
    const cells = grid(workbook, "Sales");
    expect(cells.values).toHaveLength(rows.length + 1);
    expect(cells.values[0]).toEqual(["Date", "Region", "Units", "Unit price", "Revenue"]);
    expect(cells.values[48]).toEqual([rows[47].date, rows[47].region, rows[47].units, rows[47].price, rows[47].revenue]);
    expect(cells.numberFormat[1][0]).toBe("yyyy-mm-dd");
    expect(workbook.Sheets.Sales.D2.w).toBe("$12.50");
  });

  it("returns data only, which the worker's structured clone carries to the page unchanged", () => {
    for (const [file, name] of [
      [fixtures.xlsx, "sales.xlsx"],
      [fixtures.xls, "sales.xls"],
      [fixtures.csv, "sales.csv"],
    ] as const) {
      const workbook = parseUpload(fileBytes(file), name);
      const copy = structuredClone(workbook);
      expect(copy.SheetNames).toEqual(workbook.SheetNames);
      expect(JSON.stringify(copy.Sheets)).toBe(JSON.stringify(workbook.Sheets));
    }
  });

  it("refuses bytes that are no spreadsheet with the reader's reason", () => {
    expect(() => parseUpload(bytesOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6])), "broken.xlsx")).toThrow();
    expect(() => parseUpload(bytesOf(new Uint8Array(0)), "empty.xlsx")).toThrow("it is empty");
    expect(() => parseUpload(new ArrayBuffer(MAX_UPLOAD_BYTES + 1), "huge.csv")).toThrow("larger than the upload limit");
  });
});

describe("CSV", () => {
  const table = (workbook: WorkBook) => grid(workbook, workbook.SheetNames[0]).values;

  it("parses dates and numbers the way Excel would, dropping a UTF-8 byte-order mark", () => {
    const csv = "Date,Region,Revenue\n2024-01-15,North,\"1,200.50\"\n2024-02-15,Süd,980\n";
    const workbook = parseUpload(bytesOf(new TextEncoder().encode(`\uFEFF${csv}`)), "sales.csv");
    const cells = grid(workbook, workbook.SheetNames[0]);
    expect(cells.values[0][0]).toBe("Date");
    expect(cells.values[1]).toEqual([45306, "North", 1200.5]);
    expect(cells.values[2][1]).toBe("Süd");
    expect(cells.numberFormat[1][0]).toMatch(/[dmy]/);
  });

  it("reads Excel's Windows-1252 export instead of turning accents into replacement characters", () => {
    // "Région;Total\nSüd;12\nÎle-de-France;7" as Excel on Windows (French) saves it.
    const ansi = Uint8Array.from([..."R\xe9gion;Total\nS\xfcd;12\n\xcele-de-France;7\n"].map((ch) => ch.charCodeAt(0)));
    expect(table(parseUpload(bytesOf(ansi), "regions.csv"))).toEqual([
      ["Région", "Total"],
      ["Süd", 12],
      ["Île-de-France", 7],
    ]);
  });

  it("reads UTF-16 with a byte-order mark, tab-separated (Excel's Unicode text)", () => {
    const text = "Name\tAmount\nZoë\t3.5\n東京\t4\n";
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(le.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    const expected = [
      ["Name", "Amount"],
      ["Zoë", 3.5],
      ["東京", 4],
    ];
    expect(table(parseUpload(bytesOf(le), "unicode.csv"))).toEqual(expected);
    expect(table(parseUpload(bytesOf(be), "unicode.csv"))).toEqual(expected);
  });

  it("finds the delimiter: semicolons, tabs, pipes and a sep= first line", () => {
    const expected = [
      ["Region", "Units"],
      ["North", 12],
    ];
    for (const csv of ["Region;Units\nNorth;12\n", "Region\tUnits\nNorth\t12\n", "Region|Units\nNorth|12\n", "sep=;\nRegion;Units\nNorth;12\n"]) {
      expect(table(parseUpload(bytesOf(new TextEncoder().encode(csv)), "data.csv")), csv).toEqual(expected);
    }
  });

  it("decodes without guessing when the bytes are valid UTF-8", () => {
    expect(decodeCsv(new TextEncoder().encode("\uFEFFa,b"))).toBe("a,b");
    expect(decodeCsv(new TextEncoder().encode("café"))).toBe("café");
  });
});

describe("hostile workbooks", () => {
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
  const clean = prototypeKeys();

  afterEach(() => {
    // Leave nothing behind for the next test, should an assertion below fail.
    for (const key of prototypeKeys()) if (!clean.includes(key)) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it("leaves Object.prototype alone: comments anchored at __proto__ (CVE-2023-30533), such sheet names, cells and properties", () => {
    const workbook = parseUpload(bytesOf(prototypeWorkbook()), "hostile.xlsx");
    expect(prototypeKeys()).toEqual(clean);
    expect(({} as Record<string, unknown>).c).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).c).toBeUndefined();
    expect(workbook.SheetNames).toEqual(["__proto__", "constructor", "Data"]);
    expect(Object.getPrototypeOf(workbook.Sheets)).toBe(Object.prototype);
  });

  it("keeps a sheet named __proto__ as a sheet, through the copy to the page and an edit there", () => {
    const parsed = parseUpload(bytesOf(prototypeWorkbook()), "hostile.xlsx");
    // SheetJS alone files it as the object's prototype, which a structured clone drops.
    expect(Object.keys(parsed.Sheets)).toEqual(["__proto__", "constructor", "Data"]);
    const workbook = structuredClone(parsed);
    for (const name of ["__proto__", "constructor", "Data"]) {
      expect(Object.hasOwn(workbook.Sheets, name)).toBe(true);
      expect(grid(workbook, name).values).toEqual([
        ["__proto__", "constructor"],
        [42, "polluted"],
      ]);
    }
    // An edit proposed for that sheet changes the sheet, not every object in the page.
    applyToWorkbook(workbook, { toolCallId: "call-1", toolName: "write_range", input: { address: "'__proto__'!C1", values: [["edited"]], explanation: "x" } }, "Data");
    // biome-ignore lint/suspicious/noProto lint/complexity/useLiteralKeys: the sheet's own key "__proto__", not the accessor
    expect(workbook.Sheets["__proto__"].C1).toMatchObject({ t: "s", v: "edited" });
    expect(prototypeKeys()).toEqual(clean);
    expect(({} as Record<string, unknown>).C1).toBeUndefined();
  });

  it("writes and reads such sheet names in .xls too", () => {
    const book = utils.book_new();
    const sheet = () => utils.aoa_to_sheet([["__proto__", "constructor"]]);
    book.SheetNames.push("__proto__", "constructor");
    for (const name of book.SheetNames) Object.defineProperty(book.Sheets, name, { value: sheet(), enumerable: true });
    const workbook = structuredClone(parseUpload(write(book, { type: "array", bookType: "biff8" }) as ArrayBuffer, "names.xls"));
    expect(prototypeKeys()).toEqual(clean);
    expect(Object.keys(workbook.Sheets)).toEqual(["__proto__", "constructor"]);
    expect(grid(workbook, "__proto__").values).toEqual([["__proto__", "constructor"]]);
  });

  it("builds the stalling workbook small: its unpacked sheet is what makes it slow", () => {
    const file = stallingWorkbook();
    expect(file.length).toBeLessThan(200 * 1024);
    // A small slice of it parses, so the file is well formed and only its size stalls the parser.
    const slice = parseUpload(bytesOf(stallingWorkbook(2_000)), "stall.xlsx");
    expect(slice.Sheets.Data["!ref"]).toBe("A1:CV1");
  });
});

describe("files refused before reading", () => {
  it("names the file and what is allowed", () => {
    expect(uploadProblem({ name: "notes.txt", size: 5 })).toBe("“notes.txt” is not a spreadsheet this playground reads. Choose an .xlsx, .xls or .csv file.");
    expect(uploadProblem({ name: "macro.xlsm", size: 5 })).toContain("Choose an .xlsx, .xls or .csv file");
    expect(uploadProblem({ name: "big.xlsx", size: MAX_UPLOAD_BYTES + 1 })).toBe(
      "“big.xlsx” is 20 MB; the limit is 20 MB. Save the sheet you need on its own, or export it as CSV.",
    );
    expect(uploadProblem({ name: "bigger.csv", size: 31.5 * 1024 * 1024 })).toContain("is 31.5 MB; the limit is 20 MB");
    expect(uploadProblem({ name: "empty.csv", size: 0 })).toBe("“empty.csv” is empty.");
    for (const name of ["Sales.XLSX", "old.xls", "data.csv"]) expect(uploadProblem({ name, size: 1024 })).toBeNull();
  });

  it("says why a file could not be read and what to do", () => {
    expect(unreadableMessage("broken.xlsx", "it has no sheets")).toBe(
      "“broken.xlsx” could not be read as a spreadsheet (it has no sheets). Check that it opens in Excel, or export it again as .xlsx or .csv.",
    );
    expect(unreadableMessage("broken.xlsx", "x".repeat(500))).toHaveLength(unreadableMessage("broken.xlsx", "x".repeat(120)).length);
  });
});

// A file is refused when its content is not what its extension says: the first bytes show an
// .xlsx (zip), an .xls (OLE compound file) or text, and the message names what the file really is
// and what to do. The parser refuses the same files when called directly.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseUpload } from "@/lib/workbook/parse-upload";
import { contentProblem, sniffContent } from "@/lib/workbook/workbook-file";
import { writeSalesFixtures } from "../../fixtures/workbooks/build-sales-workbook";

let xlsx: Uint8Array;
let xls: Uint8Array;
let csv: Uint8Array;
const buffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

beforeAll(() => {
  const files = writeSalesFixtures(mkdtempSync(path.join(tmpdir(), "sniff-")));
  xlsx = new Uint8Array(readFileSync(files.xlsx));
  xls = new Uint8Array(readFileSync(files.xls));
  csv = new Uint8Array(readFileSync(files.csv));
});

describe("sniffContent", () => {
  it("tells workbooks, text and other binary apart by their bytes", () => {
    expect(sniffContent(xlsx)).toBe("zip");
    expect(sniffContent(xls)).toBe("cfb");
    expect(sniffContent(csv)).toBe("text");
    // A PNG: no NUL in its first bytes' signature, but NULs soon after.
    expect(sniffContent(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe("binary");
    expect(sniffContent(new TextEncoder().encode("%PDF-1.7\n\u0001\u0002\u0003\u0004\u0005\u0006"))).toBe("binary");
  });

  it("counts UTF-16 with a byte-order mark, Windows-1252 and tab-separated data as text", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'Name,Ort\r\nZoë,Köln'].map((c) => c.charCodeAt(0))).buffer)]);
    expect(sniffContent(utf16)).toBe("text");
    expect(sniffContent(new Uint8Array([0x52, 0xe9, 0x67, 0x69, 0x6f, 0x6e, 0x3b, 0x80, 0x0d, 0x0a]))).toBe("text");
    expect(sniffContent(new TextEncoder().encode("a\tb\tc\n1\t2\t3\n"))).toBe("text");
  });
});

describe("contentProblem", () => {
  it("accepts each format under its own extension, whatever the letter case", () => {
    expect(contentProblem("sales.xlsx", xlsx)).toBeNull();
    expect(contentProblem("SALES.XLS", xls)).toBeNull();
    expect(contentProblem("sales.Csv", csv)).toBeNull();
  });

  it("says what a renamed file really is and what to do", () => {
    expect(contentProblem("report.xlsx", csv)).toBe(
      "“report.xlsx” is named .xlsx, but its content is plain text, such as CSV. If it is comma- or tab-separated data, rename it to end in .csv; otherwise open it in Excel and save it as .xlsx.",
    );
    expect(contentProblem("data.csv", xlsx)).toBe(
      "“data.csv” is named .csv, but its content is an .xlsx workbook (or another zip archive). If it is an Excel workbook, rename it to end in .xlsx; otherwise open it in Excel and save it as .xlsx.",
    );
    expect(contentProblem("old.xls", xlsx)).toMatch(/^“old\.xls” is named \.xls, but its content is an \.xlsx workbook/);
    expect(contentProblem("new.xlsx", xls)).toMatch(/^“new\.xlsx” is named \.xlsx, but its content is an older \.xls workbook, or a password-protected one\. .*remove any password/);
    expect(contentProblem("photo.csv", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).toBe(
      "“photo.csv” is named .csv, but its content is not a spreadsheet Excel saves (it is neither a workbook nor text). Choose the workbook itself, or open the file in Excel and save it as .xlsx or .csv.",
    );
  });

  it("the parser refuses a renamed file instead of reading whatever it recognises", () => {
    // SheetJS on its own would happily read the zip's XML or the CSV's text under the other name.
    expect(() => parseUpload(buffer(csv), "sales.xlsx")).toThrow("its content does not match its file extension");
    expect(() => parseUpload(buffer(xlsx), "sales.csv")).toThrow("its content does not match its file extension");
    expect(() => parseUpload(buffer(xls), "sales.xlsx")).toThrow("its content does not match its file extension");
    expect(parseUpload(buffer(xls), "sales.xls").SheetNames).toEqual(["Sales", "Notes"]);
  });
});

// How the workbook writes numbers and dates, from Office.js cultureInfo (ExcelApi 1.12), sent
// with the selection so text numbers ("3.504", "5.030,8") and text dates (03/04/2024) are read
// as the user reads them. Hosts without the API send nothing and the server assumes en-US.
import type { Culture } from "./context-payload";

/** The order of day, month and year in a short date pattern such as `dd.MM.yyyy` or `M/d/yyyy`. */
export function dateOrderOf(pattern: string): Culture["dateOrder"] {
  const p = pattern.replace(/"[^"]*"|'[^']*'/g, "").toLowerCase();
  const at = (c: string) => {
    const i = p.indexOf(c);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  const d = at("d");
  const m = at("m");
  const y = at("y");
  if (y < m && m < d) return "YMD";
  if (d < m) return "DMY";
  return "MDY";
}

export function cultureFrom(decimalSeparator: string, thousandsSeparator: string, shortDatePattern: string): Culture | undefined {
  if (!decimalSeparator || decimalSeparator.length > 3 || thousandsSeparator.length > 3) return undefined;
  return { decimalSeparator, thousandsSeparator, dateOrder: dateOrderOf(shortDatePattern) };
}

export async function readCulture(context: Excel.RequestContext): Promise<Culture | undefined> {
  try {
    const info = context.application.cultureInfo;
    const numbers = info.numberFormat;
    const dates = info.datetimeFormat;
    numbers.load("numberDecimalSeparator,numberGroupSeparator");
    dates.load("shortDatePattern");
    await context.sync();
    return cultureFrom(numbers.numberDecimalSeparator, numbers.numberGroupSeparator, dates.shortDatePattern);
  } catch {
    return undefined; // an older host without cultureInfo
  }
}

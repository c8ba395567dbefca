// The culture an uploaded workbook is read in: the browser's, as Excel uses the system's. A
// workbook file does not say how its text numbers and dates were typed; the user's own locale is
// the best guess, and the context sent names it so the server reads "3.504" or 03/04 the same way.
import type { Culture } from "@/lib/addin/context-payload";

export function cultureOf(locale: string): Culture {
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const decimalSeparator = parts.find((p) => p.type === "decimal")?.value ?? ".";
  const thousandsSeparator = parts.find((p) => p.type === "group")?.value ?? "";
  const order = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(new Date(Date.UTC(2024, 10, 23)))
    .map((p) => p.type)
    .filter((t) => t === "day" || t === "month" || t === "year")
    .map((t) => t[0].toUpperCase())
    .join("");
  const dateOrder: Culture["dateOrder"] = order === "DMY" || order === "YMD" ? order : "MDY";
  return { decimalSeparator, thousandsSeparator, dateOrder };
}

export function detectCulture(): Culture {
  return cultureOf(typeof navigator === "undefined" ? "en-US" : navigator.language || "en-US");
}

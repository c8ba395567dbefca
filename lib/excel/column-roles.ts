// What a column's numbers mean, decided from its header words, its number format and its values.
// The role decides which figures make sense: a total of sales is useful, a total of
// miles-per-gallon, temperatures, percentages, zip codes or month numbers is nonsense. Every
// later stage (insights, trends, suggestions, the compact context, the offline analyst) asks the
// role before it sums, averages or correlates anything.

import type { ColumnType, ColumnRole } from "@/lib/excel/types";

/** Header words, matched on whole words of the lower-cased header (underscores and case breaks split words). */
const IDENTIFIER_WORDS =
  /\b(id|ids|uuid|guid|key|code|codes|zip|zipcode|postcode|postal|plz|phone|telephone|tel|mobile|fax|sku|isbn|ean|upc|gtin|fips|iso|iata|icao|account|acct|ref|reference|serial|no|nr|num|ssn|invoice|order\s*no|sex|gender|month|monat|mois|quarter|qtr|weekday|dow|region\s*code|area\s*code)\b|#/;
/** Words that name a code only when the values are a handful of small integers ("Type 1/2/3", not "Group size"). */
const WEAK_IDENTIFIER_WORDS = /\b(cluster|category|class|type|group|status|flag|zone|segment|tier|hour|minute)\b/;
/** "Number of …" counts things; "Number" alone (or "Invoice number") identifies one. */
const NUMBER_AS_ID = /\bnumber\b(?!\s+of)/;
const COUNT_WORDS =
  /\b(count|counts|qty|quantity|quantities|units|sold|orders|items|visits|visitors|people|persons|population|pop|employees|staff|members|cases|deaths|births|votes|amount|amounts|total|totals|sales|revenue|revenues|income|profit|profits|cost|costs|spend|spending|expense|expenses|budget|gross|net|value|values|volume|precipitation|rain|rainfall|snow|distance|miles|km|hours|minutes\s+played|number\s+of|no\s+of|n)\b|#\s*of\b/;
const NON_ADDITIVE_WORDS =
  /\b(rate|rates|ratio|ratios|pct|percent|percentage|share|avg|average|mean|median|per|price|prices|unit\s*price|temp|temps|temperature|temperatures|celsius|fahrenheit|score|scores|rating|ratings|index|grade|age|speed|wind|mpg|gallon|efficiency|density|margin|yield|expect|expectancy|life\s*expect|fertility|horsepower|hp|acceleration|displacement|length|width|height|depth|humidity|pressure|elevation|altitude|probability|likelihood|level|percentile|rank|ranking|imdb|tomatoes|growth|variance|deviation|std|volatility|close|open|high|low|beak|flipper|bmi|preis|je|pro|durchschnitt|quote|anteil|temperatur|satz|delay|delays|latency|running|runtime|perc|yoy)\b|\bunit\s+(cost|costs|value|rate)\b|%|°|\/|_per_|\bper\b/;
/** Words that make a column additive even next to a non-additive word ("IMDB votes", "Total score"). */
const STRONG_COUNT_WORDS = /\b(total|totals|sum|count|counts|amount|qty|quantity|votes|number of|population|people)\b/;
const YEAR_WORDS = /\b(year|years|yr|fy|fiscal|jahr|annee|année|ano|año|anno)\b/;
const COORDINATE_WORDS = /\b(lat|latitude|lon|lng|long|longitude|x\s*coord|y\s*coord|easting|northing)\b/;

/** `Miles_per_Gallon` → `miles per gallon`, `unitPrice` → `unit price`. */
export function headerWords(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_\-.()[\]]+/g, " ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export interface RoleInput {
  header: string;
  hasHeader: boolean;
  type: ColumnType;
  /** Non-empty data cells and their distinct count. */
  count: number;
  distinct: number;
  /** The column's numbers ascending (numeric columns), or null. */
  sorted: Float64Array | null;
  /** Share of text values that look like codes (digits with leading zeros, letters+digits). */
  codeLikeText: number;
  /** Number format, when sent. */
  numberFormat: string | null;
}

function allIntegers(sorted: Float64Array): boolean {
  for (let i = 0; i < sorted.length; i++) if (sorted[i] !== Math.floor(sorted[i])) return false;
  return true;
}

function numericRole(input: RoleInput, words: string): ColumnRole {
  const sorted = input.sorted;
  if (!sorted || sorted.length === 0) return "text";
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const integers = allIntegers(sorted);
  if (input.type === "percent") return "non_additive_measure";
  if (YEAR_WORDS.test(words) && integers && min >= 1000 && max <= 2200) return "year";
  if (COORDINATE_WORDS.test(words) && min >= -180 && max <= 180) return "coordinate";
  const countLike = COUNT_WORDS.test(words);
  if (/\b(month|mon|monat|mois|mes)\b/.test(words) && integers && min >= 1 && max <= 12) return "identifier";
  if (!countLike && (IDENTIFIER_WORDS.test(words) || NUMBER_AS_ID.test(words)) && integers) return "identifier";
  if (!countLike && WEAK_IDENTIFIER_WORDS.test(words) && integers && input.distinct <= 20 && max <= 100 && !/\b(size|sizes)\b/.test(words)) return "identifier";
  if (NON_ADDITIVE_WORDS.test(words) && !STRONG_COUNT_WORDS.test(words)) return "non_additive_measure";
  if (input.type === "currency") return "additive_measure";
  // Without telling words, the values decide: unique integers counting up are row numbers or
  // IDs; a handful of small integers from 1 repeated over many rows are a code (1/2, 1..5).
  if (integers && input.count >= 10) {
    if (!countLike && input.distinct === input.count && max - min + 1 === input.count) return "identifier";
    // Codes start at 1 (1/2, 1–5); small counts start at 0 (returns, children).
    if (!countLike && input.distinct <= 6 && min >= 1 && max <= 9 && input.distinct < input.count / 3) return "identifier";
  }
  // Years without a year header: every value a whole year in a narrow modern range.
  if (!input.hasHeader && integers && min >= 1900 && max <= 2100 && input.distinct >= 2 && input.distinct < input.count) return "year";
  return "additive_measure";
}

/** The role of one column. */
export function columnRole(input: RoleInput): ColumnRole {
  const words = headerWords(input.header);
  switch (input.type) {
    case "number":
    case "currency":
    case "percent":
      return numericRole(input, words);
    case "date":
      return "date_time";
    case "boolean":
      return "category";
    case "text": {
      if (input.codeLikeText >= 0.8 || (IDENTIFIER_WORDS.test(words) && /\b(id|code|zip|zipcode|postcode|postal|phone|sku|isbn|fips|iata|icao)\b/.test(words))) return "identifier";
      // Values that repeat: a handful, or few relative to the rows (countries, airports, genres).
      if (input.distinct >= 1 && input.distinct < input.count / 2 && (input.distinct <= 50 || input.distinct <= input.count / 5)) return "category";
      if (input.distinct >= 1 && input.distinct <= 50 && input.distinct < input.count) return "category";
      return "text";
    }
    default:
      return "text";
  }
}

/** Roles whose numbers may be added up. */
export function isAdditive(role: ColumnRole): boolean {
  return role === "additive_measure";
}

/** Roles whose numbers are measurements (sums for additive ones, averages for all). */
export function isMeasureRole(role: ColumnRole): boolean {
  return role === "additive_measure" || role === "non_additive_measure";
}

/** A human label for prompts and answers: `additive measure`, `identifier/code`… */
export function roleLabel(role: ColumnRole): string {
  switch (role) {
    case "additive_measure":
      return "additive measure";
    case "non_additive_measure":
      return "non-additive measure";
    case "identifier":
      return "identifier/code";
    case "date_time":
      return "date/time";
    default:
      return role;
  }
}

// The in-cell functions without an AI model: deterministic methods, used when no model is
// configured. CLASSIFY matches the value to a label exactly, then by the one label the value
// contains, then by spelling similarity (of the whole value or of its words); EXTRACT finds emails, URLs, phone numbers, dates and
// numbers by pattern; ASK answers an aggregate of its range (sum, average, …) with the figure the
// analysis engine computes. Anything else is a clear error saying an AI model is needed. Results
// are reported with source "deterministic" so nobody mistakes them for a model's.
import type { CellScalar, FunctionArgs } from "./function-args";
import { offlineAnalystFigure } from "./offline-figure";
import { asCellNumber, matchLabel } from "./shape-cell-value";

export type OfflineOutcome = { ok: true; value: CellScalar } | { ok: false; code: "not_found" | "provider_unavailable"; message: string };

/** Labels closer than this (0..1, 1 = identical) to the value count as a fuzzy match. */
const FUZZY_THRESHOLD = 0.75;

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - levenshtein(x, y) / longest;
}

/** How closely the value, or a run of its words as long as the label, is spelled like the label. */
function labelScore(value: string, label: string): number {
  const words = value.split(/\s+/).filter(Boolean);
  const span = label.split(/\s+/).filter(Boolean).length;
  let best = similarity(value, label);
  for (let i = 0; i + span <= words.length; i++) best = Math.max(best, similarity(words.slice(i, i + span).join(" "), label));
  return best;
}

export function classifyOffline(value: string, labels: readonly string[]): OfflineOutcome {
  const direct = matchLabel(value, labels);
  if (direct) return { ok: true, value: direct };
  const scored = labels.map((label) => ({ label, score: labelScore(value, label) })).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (best && best.score >= FUZZY_THRESHOLD && (!second || best.score > second.score)) return { ok: true, value: best.label };
  return {
    ok: false,
    code: "not_found",
    message: "No AI model is configured, and no label matches this value by spelling. Without a model CLASSIFY matches labels exactly or by close spelling only.",
  };
}

const PATTERNS = {
  email: { what: /\be-?mails?\b|\bemail addresses\b/i, find: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, noun: "email address" },
  url: { what: /\b(urls?|links?|websites?|web ?address(es)?|domains?)\b/i, find: /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/gi, noun: "URL" },
  phone: { what: /\b(phones?|telephones?|mobiles?|cell ?numbers?|phone numbers?)\b/i, find: /\+?\d[\d ().-]{6,}\d/g, noun: "phone number" },
  date: {
    what: /\bdates?\b/i,
    find: /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2},? \d{4}\b/gi,
    noun: "date",
  },
  number: {
    what: /\b(numbers?|amounts?|prices?|totals?|values?|figures?|quantit(y|ies)|sums?|costs?|percent(ages?)?)\b/i,
    find: /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?/g,
    noun: "number",
  },
} as const;

type PatternKind = keyof typeof PATTERNS;

/** Which pattern a request such as "email", "phone numbers" or "the total" asks for, if any. */
function patternFor(what: string): PatternKind | null {
  // Phone before number: "phone number" names both.
  const order: PatternKind[] = ["email", "url", "phone", "date", "number"];
  return order.find((kind) => PATTERNS[kind].what.test(what)) ?? null;
}

export function extractOffline(text: string, what: string): OfflineOutcome {
  const kind = patternFor(what);
  if (!kind) {
    return {
      ok: false,
      code: "provider_unavailable",
      message: "No AI model is configured. Without one EXTRACT finds only emails, URLs, phone numbers, dates and numbers.",
    };
  }
  let matches = [...text.matchAll(PATTERNS[kind].find)].map((m) => m[0].replace(/[.,;:)]+$/, ""));
  // Digits inside a phone number or date are not amounts.
  if (kind === "number") {
    const covered = [...text.matchAll(PATTERNS.phone.find), ...text.matchAll(PATTERNS.date.find)].map((m) => m[0]);
    matches = matches.filter((m) => !covered.some((c) => c.includes(m) && c !== m));
  }
  const unique = [...new Set(matches)];
  if (unique.length === 0) return { ok: false, code: "not_found", message: `No ${PATTERNS[kind].noun} was found in the text.` };
  if (unique.length === 1 && kind === "number" && !unique[0].endsWith("%")) return { ok: true, value: asCellNumber(unique[0]) };
  return { ok: true, value: unique.join(", ") };
}

export function runOffline(args: FunctionArgs): OfflineOutcome {
  switch (args.name) {
    case "CLASSIFY":
      return classifyOffline(String(args.value), args.labels);
    case "EXTRACT":
      return extractOffline(args.text, args.what);
    case "ASK": {
      const figure = args.range ? offlineAnalystFigure({ question: args.prompt, rows: args.range }) : null;
      if (figure !== null) return { ok: true, value: figure };
      return {
        ok: false,
        code: "provider_unavailable",
        message: "No AI model is configured. Without one ASK answers only a total, average, median, minimum, maximum or count of its range.",
      };
    }
  }
}

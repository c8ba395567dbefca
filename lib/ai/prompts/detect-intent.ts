// What the user wants, read from their message, so the system prompt can focus (the original
// add-in's intents). The original add-in took the first keyword list that matched, so "chart the
// average" was formula help and "format as currency" missed "currency". Here every intent scores
// the message — a phrase counts more than a single word, word boundaries stop "sum" matching
// "summary" — and the highest score wins; ties go to the more specific intent (the order of
// INTENTS).

export const INTENTS = ["formula_help", "visualization", "formatting", "analysis", "general"] as const;
export type Intent = (typeof INTENTS)[number];

interface Signal {
  pattern: RegExp;
  weight: number;
}

const w = (weight: number, ...patterns: RegExp[]): Signal[] => patterns.map((pattern) => ({ pattern, weight }));

const SIGNALS: Record<Exclude<Intent, "general">, Signal[]> = {
  formula_help: [
    ...w(3, /\bformulas?\b/, /\bfunctions?\b/, /\bvlookup\b|\bxlookup\b|\bhlookup\b|\bindex\s*\/?\s*match\b/),
    ...w(3, /\b(sum|count|average)ifs?\b/, /\bsumproduct\b/, /\biferror\b|\bifs?\s*\(/, /=\s*[a-z][a-z0-9.]*\s*\(/),
    ...w(3, /#(n\/a|ref!|value!|div\/0!|name\?|num!|null!|spill!|calc!)/),
    ...w(2, /\bcalculat(e|es|ed|ing|ion)\b/, /\bcompute\b/, /\bsum\b/, /\btotal(s)?\b/, /\baverage\b|\bmean\b|\bmedian\b/),
    ...w(2, /\bcount\b/, /\blookup\b|\blook up\b/, /\bpercent(age)? (of|change)\b/, /\bround(ing)?\b/, /\bconcatenat/),
    ...w(1, /\bhow (do|can) i (get|find|work out)\b/),
  ],
  visualization: [
    ...w(3, /\bcharts?\b/, /\bgraphs?\b/, /\bplot(s|ted|ting)?\b/, /\bvisuali[sz](e|ation|ing)\b/),
    ...w(3, /\bhistogram\b/, /\bsparklines?\b/, /\bscatter\b/, /\bpie\b/, /\bdashboard\b/),
    ...w(2, /\b(bar|column|line|area) (chart|graph)\b/, /\btrend ?line\b/, /\bdiagram\b/, /\bvisual(ly)?\b/),
  ],
  formatting: [
    ...w(3, /\bconditional(ly)? format/, /\bformat(ting|ted)?\b/, /\bnumber format\b/),
    ...w(2, /\bstyl(e|es|ing)\b/, /\bcolou?r(s|ed|ing)?\b/, /\bbold\b|\bitalic\b|\bunderline\b/, /\bfont\b/),
    ...w(3, /\bhighlight(s|ed|ing)?\b/),
    ...w(2, /\bborders?\b/, /\bfill\b/, /\balign(ment)?\b/, /\bwrap text\b/),
    ...w(2, /\bdecimal places\b/, /\bas (currency|percent(age)?|dates?)\b/, /\bcolumn width\b/, /\bfreeze panes?\b/),
    ...w(1, /\blook(s)? (nicer|better|professional)\b/, /\bappearance\b/, /\btheme\b/, /\bmerge cells\b/),
  ],
  analysis: [
    ...w(3, /\banaly[sz](e|is|es|ing)\b/, /\binsights?\b/, /\bpatterns?\b/, /\btrends?\b/, /\boutliers?\b/),
    ...w(2, /\bstatistic(s|al)?\b/, /\bsummar(y|ise|ize)\b/, /\bcorrelat(e|ion)\b/, /\bdistribution\b/, /\banomal(y|ies)\b/),
    ...w(2, /\bcompare\b|\bcomparison\b/, /\bgrowth\b/, /\bforecast(ing)?\b/, /\bvarian(ce|t)\b/, /\bwhat stands out\b/),
    ...w(1, /\bwhat does (this|the) data\b/, /\btell me about\b/, /\bexplain (this|the) data\b/, /\bkey (figures|points)\b/),
  ],
};

export interface IntentScore {
  intent: Intent;
  scores: Record<Intent, number>;
}

/** Scores every intent; `general` when nothing matches. */
function scoreIntents(message: string): IntentScore {
  const text = message.toLowerCase();
  const scores: Record<Intent, number> = { formula_help: 0, visualization: 0, formatting: 0, analysis: 0, general: 0 };
  for (const intent of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) {
    for (const signal of SIGNALS[intent]) if (signal.pattern.test(text)) scores[intent] += signal.weight;
  }
  let best: Intent = "general";
  for (const intent of INTENTS) if (scores[intent] > scores[best]) best = intent;
  return { intent: best, scores };
}

export function detectIntent(message: string): Intent {
  return scoreIntents(message).intent;
}

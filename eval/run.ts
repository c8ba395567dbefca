// `npm run eval`: runs the analysis evaluation over the whole corpus (or `--fast` for the subset
// the unit tests run), prints the scorecard and writes it to eval/results/latest.json. Exits 1
// when any figure is wrong or missing, a role is wrong, a forbidden statistic appears, an
// expected finding or sentence is missing, or a compact context exceeds its token budget.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ALL_CASES, FAST_CASES } from "./cases";
import { evaluate, type Scorecard } from "./evaluate";

function pad(s: string | number, n: number): string {
  const t = String(s);
  return t.length >= n ? t : t + " ".repeat(n - t.length);
}

function print(card: Scorecard): void {
  console.log(`Analysis evaluation (${card.subset}): ${card.cases} cases, ${card.datasets} real datasets\n`);
  console.log(`${pad("case", 26)}${pad("rows", 8)}${pad("figures ok/wrong/missing", 26)}${pad("roles", 8)}${pad("suggestions", 13)}${pad("forbidden", 11)}ms`);
  for (const r of card.results) {
    console.log(
      `${pad(r.id, 26)}${pad(r.rows, 8)}${pad(`${r.figures.correct}/${r.figures.wrong}/${r.figures.missing}`, 26)}${pad(`${r.roles.right}/${r.roles.right + r.roles.wrong.length}`, 8)}${pad(`${r.suggestions.sensible}/${r.suggestions.total}`, 13)}${pad(r.forbidden.length, 11)}${r.ms}`,
    );
    for (const d of r.figures.details.filter((x) => x.status !== "correct")) console.log(`    ${d.status}: ${d.what} — expected ${d.expected}, got ${d.actual}`);
    for (const w of r.roles.wrong) console.log(`    role: ${w.column} expected ${w.expected}, got ${w.actual}`);
    for (const f of r.forbidden) console.log(`    forbidden: ${f}`);
    for (const p of r.suggestions.problems) console.log(`    suggestion: ${p}`);
    for (const k of r.findings.missing) console.log(`    finding missing: ${k}`);
    for (const s of r.says.missing) console.log(`    should say: ${s}`);
    for (const s of r.says.unwanted) console.log(`    should not say: ${s}`);
    if (!r.compactWithinBudget) console.log(`    compact context over budget: ${r.compactTokens} tokens`);
  }
  console.log(
    `\nFigures: ${card.figures.correct} correct, ${card.figures.wrong} wrong, ${card.figures.missing} missing · roles ${card.roles.right}/${card.roles.right + card.roles.wrong} right · suggestions ${card.suggestions.sensible}/${card.suggestions.total} sensible · forbidden statistics ${card.forbidden} · findings missing ${card.findingsMissing} · sentences missing ${card.saysMissing}, unwanted ${card.saysUnwanted} · compact contexts over budget ${card.overBudget}`,
  );
}

function failed(card: Scorecard): boolean {
  return card.figures.wrong + card.figures.missing + card.roles.wrong + card.forbidden + card.findingsMissing + card.saysMissing + card.saysUnwanted + card.overBudget > 0;
}

const fast = process.argv.includes("--fast");
const card = evaluate(fast ? FAST_CASES : ALL_CASES, fast ? "fast" : "full");
print(card);
const out = path.join(import.meta.dirname, "results", "latest.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(card, null, 2)}\n`);
console.log(`\nWritten to ${path.relative(process.cwd(), out)}`);
process.exitCode = failed(card) ? 1 : 0;

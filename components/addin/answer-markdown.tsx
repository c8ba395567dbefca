"use client";

// Renders a model's answer. Model output is untrusted (spreadsheet text can steer it), so: no
// raw HTML, no images (an image URL would leak data the moment it renders), and links are shown
// as text with their address visible instead of being clickable.
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const components: Components = {
  a: ({ children, href }) => {
    const label = typeof children === "string" ? children : null;
    return (
      <span className="underline decoration-dotted underline-offset-2">
        {children}
        {href && href !== label ? <span className="text-muted-foreground"> ({href})</span> : null}
      </span>
    );
  },
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table className="w-full border-collapse text-xs">{children}</table>
    </div>
  ),
  th: ({ children }) => <th className="border px-2 py-1 text-left font-medium">{children}</th>,
  td: ({ children }) => <td className="border px-2 py-1 align-top">{children}</td>,
  code: ({ children, className }) => <code className={`${className ?? ""} rounded bg-muted px-1 py-0.5 font-mono text-[0.85em] break-words`}>{children}</code>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded-md bg-muted p-2 text-xs">{children}</pre>,
  ul: ({ children }) => <ul className="my-1 list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-1 list-decimal pl-5">{children}</ol>,
  p: ({ children }) => <p className="my-1.5 leading-relaxed">{children}</p>,
  h1: ({ children }) => <h3 className="mt-3 mb-1 font-semibold">{children}</h3>,
  h2: ({ children }) => <h3 className="mt-3 mb-1 font-semibold">{children}</h3>,
  h3: ({ children }) => <h4 className="mt-2 mb-1 font-semibold">{children}</h4>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-2 border-primary/50 pl-3 text-muted-foreground">{children}</blockquote>,
};

export function AnswerMarkdown({ text }: { text: string }) {
  return (
    <div className="text-sm break-words">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml disallowedElements={["img"]} unwrapDisallowed components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

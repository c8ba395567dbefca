import { FileSpreadsheet, LayoutDashboard, Terminal } from "lucide-react";

const SURFACES = [
  {
    icon: FileSpreadsheet,
    title: "Excel add-in",
    body: "A task pane inside Excel on Windows, Mac and the web. Sign in once or paste an API key.",
  },
  {
    icon: LayoutDashboard,
    title: "Web dashboard",
    body: "A playground to upload a workbook or CSV and ask about it, your chat history, usage, billing, API keys and account export.",
  },
  {
    icon: Terminal,
    title: "HTTP API",
    body: "The same assistant for scripts and other tools, authenticated with an API key you create in the dashboard.",
  },
] as const;

/** The three ways to use one account. */
export function Surfaces() {
  return (
    <section aria-labelledby="surfaces-title" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
      <h2 id="surfaces-title" className="text-3xl font-semibold tracking-tight">
        One account, three ways in
      </h2>
      <ul className="mt-10 grid gap-6 md:grid-cols-3">
        {SURFACES.map((surface) => (
          <li key={surface.title} className="flex flex-col gap-3">
            <surface.icon aria-hidden="true" className="size-6 text-primary" />
            <h3 className="font-semibold">{surface.title}</h3>
            <p className="text-sm text-muted-foreground">{surface.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

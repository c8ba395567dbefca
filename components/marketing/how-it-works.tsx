import { Check, Eye, MessageSquare, MousePointerClick, Undo2 } from "lucide-react";

const STEPS = [
  {
    icon: MousePointerClick,
    title: "Select and ask",
    body: "Select a range in Excel and ask in plain words: what does this data show, which formula fits, which chart is worth making.",
  },
  {
    icon: MessageSquare,
    title: "Get an answer that knows the data",
    body: "The answer streams in and is built from an analysis of your selection: column types, missing values, statistics, outliers and trends.",
  },
  {
    icon: Eye,
    title: "See the exact change",
    body: "A proposed formula, fill, format or chart is shown cell by cell before anything is written. Risky formulas that reach outside the workbook are refused.",
  },
  {
    icon: Check,
    title: "Apply with one click",
    body: "Approve the change and the add-in writes it to the sheet. You choose whether it always asks, applies automatically, or only reads.",
  },
  {
    icon: Undo2,
    title: "Undo it",
    body: "The add-in keeps what it overwrote, so one click puts the cells back as they were.",
  },
] as const;

/** The ask → see → apply → undo loop, the heart of the product. */
export function HowItWorks() {
  return (
    <section id="how-it-works" aria-labelledby="how-title" className="border-t bg-muted/40">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="how-title" className="text-3xl font-semibold tracking-tight">
          How it works
        </h2>
        <p className="mt-2 max-w-2xl text-muted-foreground">
          Nothing in your workbook changes until you have seen the change and said yes.
        </p>
        <ol className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-5">
          {STEPS.map((step, index) => (
            <li key={step.title} className="flex flex-col gap-3 rounded-xl border bg-card p-5 text-card-foreground">
              <div className="flex items-center gap-3">
                <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-accent text-accent-foreground">
                  <step.icon className="size-4" />
                </span>
                <span className="text-xs font-medium text-muted-foreground">Step {index + 1}</span>
              </div>
              <h3 className="font-semibold">{step.title}</h3>
              <p className="text-sm text-muted-foreground">{step.body}</p>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

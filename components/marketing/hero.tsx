import Link from "next/link";
import { ArrowRight, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ChangePreview } from "./change-preview";

/** What the product is, in one screen, with the sign-up call to action and the way to the add-in. */
export function Hero() {
  return (
    <section aria-labelledby="hero-title" className="mx-auto grid max-w-6xl gap-10 px-4 pt-12 pb-16 sm:px-6 md:pt-20 lg:grid-cols-[1.1fr_1fr] lg:items-center">
      <div className="flex flex-col gap-6">
        <p className="text-sm font-medium text-primary">Excel add-in · web dashboard · HTTP API</p>
        <h1 id="hero-title" className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
          Ask Excel a question. See the exact change. Apply it, or undo it.
        </h1>
        <p className="max-w-xl text-lg text-pretty text-muted-foreground">
          Select cells, ask in the task pane, and get a streamed answer that understands your data: what it is, its
          statistics, formulas that fit and charts worth making. When the answer proposes a change, you review exactly
          which cells change before anything is written.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Button asChild size="lg">
            <Link href="/sign-up">
              Create a free account <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/dashboard/connect">
              <Download aria-hidden="true" /> Get the add-in
            </Link>
          </Button>
        </div>
      </div>
      <ChangePreview />
    </section>
  );
}

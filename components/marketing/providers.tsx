import { Cloud, Cpu, Server, WifiOff } from "lucide-react";

const PROVIDERS = [
  { icon: Cloud, title: "Microsoft Azure", body: "GPT models running in your organisation's own Azure account." },
  { icon: Cpu, title: "OpenAI", body: "GPT models straight from OpenAI." },
  {
    icon: Server,
    title: "Models on your own servers",
    body: "Open models such as Llama or Qwen, so your data never leaves your network.",
  },
  {
    icon: WifiOff,
    title: "The offline analyst",
    body: "Without any AI model, a built-in analyst answers from the statistics of your data, clearly labelled as such.",
  },
] as const;

/** Which models it runs on, in words a buyer (not only an operator) understands. */
export function Providers() {
  return (
    <section aria-labelledby="providers-title" className="border-t">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="providers-title" className="text-3xl font-semibold tracking-tight">
          Works with the model you already have
        </h2>
        <p className="mt-2 max-w-2xl text-muted-foreground">
          Each answer says which model gave it. If a model is unavailable the next one answers, and if none is, the
          offline analyst still answers and tells you so.
        </p>
        <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {PROVIDERS.map((provider) => (
            <li key={provider.title} className="flex gap-3 rounded-xl border p-4">
              <provider.icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-primary" />
              <div>
                <h3 className="font-medium">{provider.title}</h3>
                <p className="mt-1 text-sm text-muted-foreground">{provider.body}</p>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

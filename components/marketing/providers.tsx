import { Cloud, Cpu, Server, WifiOff } from "lucide-react";

const PROVIDERS = [
  { icon: Cloud, title: "Azure OpenAI", body: "Your own Azure resource and deployment." },
  { icon: Cpu, title: "OpenAI", body: "An OpenAI API key and the model you choose." },
  {
    icon: Server,
    title: "Any OpenAI-compatible server",
    body: "Ollama, LM Studio, vLLM or anything else that speaks the OpenAI wire format.",
  },
  {
    icon: WifiOff,
    title: "The offline analyst",
    body: "With no model configured, a built-in analyst answers from the statistics of your data, clearly labelled as such.",
  },
] as const;

/** Which models it runs on: self-hosters care as much as about features. */
export function Providers() {
  return (
    <section aria-labelledby="providers-title" className="border-t">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="providers-title" className="text-3xl font-semibold tracking-tight">
          Works with the model you already have
        </h2>
        <p className="mt-2 max-w-2xl text-muted-foreground">
          Providers are tried in the order you set. If every one of them is down, the offline analyst still answers and
          tells you so.
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

// Who answered and what it cost, under an assistant message: the model (or the offline analyst),
// whether the answer came from the cache, tokens, and whether it was cut off.
import { Badge } from "@/components/ui/badge";
import { modelLabel } from "@/lib/ai/model-label";

export interface AnswerMetaProps {
  model: string | null | undefined;
  provider: string | null | undefined;
  cached?: boolean;
  inputTokens?: number;
  outputTokens?: number;
  status?: string;
}

export function AnswerMeta({ model, provider, cached, inputTokens, outputTokens, status }: AnswerMetaProps) {
  const offline = provider === "offline";
  const tokens = (inputTokens ?? 0) + (outputTokens ?? 0);
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
      {offline ? <Badge variant="outline">{modelLabel("offline", model)}</Badge> : model ? <span>{modelLabel(provider, model)}</span> : null}
      {cached ? <Badge variant="secondary">From cache</Badge> : null}
      {tokens > 0 ? <span>{tokens.toLocaleString("en-US")} tokens</span> : null}
      {status === "incomplete" ? <Badge variant="outline">Incomplete</Badge> : null}
      {status === "error" ? <Badge variant="destructive">Failed</Badge> : null}
    </div>
  );
}

// Usage per member as horizontal bars (tokens), with the numbers beside them: a chart a screen
// reader reads as a list, that fits any number of members.
export interface MemberUsage {
  userId: string;
  label: string;
  requests: number;
  functionCalls: number;
  tokens: number;
  costMicros: number;
}

const number = (n: number) => n.toLocaleString("en-US");

export function MemberUsageChart({ rows }: { rows: MemberUsage[] }) {
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">No workspace chats or AI function calls in this period yet.</p>;
  const max = Math.max(1, ...rows.map((r) => r.tokens));
  return (
    <ul className="flex flex-col gap-3" data-testid="member-usage">
      {rows.map((row) => (
        <li key={row.userId} className="flex flex-col gap-1 text-sm">
          <div className="flex flex-wrap justify-between gap-2">
            <span className="font-medium">{row.label}</span>
            <span className="text-muted-foreground">
              {number(row.requests)} chat{row.requests === 1 ? "" : "s"}
              {row.functionCalls > 0 ? ` · ${number(row.functionCalls)} AI function call${row.functionCalls === 1 ? "" : "s"}` : ""} · {number(row.tokens)} tokens · ${(row.costMicros / 1_000_000).toFixed(2)}
            </span>
          </div>
          <div className="h-2 rounded-full bg-muted" aria-hidden="true">
            <div className="h-2 rounded-full bg-primary" style={{ width: `${Math.max(2, Math.round((row.tokens / max) * 100))}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

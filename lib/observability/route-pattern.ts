// The route pattern of a request, for metrics labels and logs: `/api/keys/[id]`, not
// `/api/keys/6f1c…`. One label per route keeps Prometheus cardinality bounded however many ids
// callers send. Built from the dynamic segments Next.js resolved for the route handler; as a
// fallback, id-shaped segments (UUIDs, numbers, long tokens) are folded too.

const ID_SEGMENT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{24,})$/i;

function decode(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function routePattern(pathname: string, params: Record<string, string | string[] | undefined> = {}): string {
  const segments = pathname.split("/");
  const taken = new Set<number>();

  // Catch-all params (string[]) span several segments; match them first, from the end.
  const entries = Object.entries(params).sort(([, a], [, b]) => (Array.isArray(b) ? 1 : 0) - (Array.isArray(a) ? 1 : 0));
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const parts = Array.isArray(value) ? value : [value];
    if (parts.length === 0) continue;
    for (let start = segments.length - parts.length; start >= 1; start--) {
      const matches = parts.every((part, i) => !taken.has(start + i) && decode(segments[start + i]) === part);
      if (!matches) continue;
      segments.splice(start, parts.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
      // Later indexes shifted; mark the replacement and leave the rest to the id fallback.
      taken.add(start);
      break;
    }
  }

  return segments
    .map((segment, i) => (taken.has(i) || !ID_SEGMENT.test(segment) ? segment : "[id]"))
    .join("/")
    .slice(0, 200);
}

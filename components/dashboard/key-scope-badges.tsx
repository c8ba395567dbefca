import { Badge } from "@/components/ui/badge";
import { API_KEY_SCOPE_DESCRIPTIONS, type ApiKeyScope } from "@/lib/auth/key-scopes";

/** What a key may do, as short labels (the full descriptions are on the create form). */
export function KeyScopeBadges({ scopes }: { scopes: readonly ApiKeyScope[] }) {
  return (
    <ul aria-label="What this key may do" data-testid="api-key-scopes" className="flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <li key={scope}>
          <Badge variant="outline" title={API_KEY_SCOPE_DESCRIPTIONS[scope].description}>
            {API_KEY_SCOPE_DESCRIPTIONS[scope].label}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

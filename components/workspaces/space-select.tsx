// The one "Space" control: the personal space or one of the user's workspaces. The dashboard
// (History, the playground) keeps the choice in the URL through WorkspaceSwitcher; the task pane
// keeps it in the pane's storage (components/addin/workspace-picker.tsx). Both render this.
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";

export interface SpaceOption {
  id: string;
  name: string;
}

export function SpaceSelect({
  id,
  workspaces,
  value,
  onChange,
  disabled,
  inline = false,
  describedBy,
}: {
  /** The select's id; also its test id. */
  id: string;
  workspaces: readonly SpaceOption[];
  /** The chosen workspace, or null for the personal space. */
  value: string | null;
  onChange: (id: string | null) => void;
  disabled?: boolean;
  /** Label beside the select (the narrow pane) rather than above it. */
  inline?: boolean;
  describedBy?: string;
}) {
  return (
    <div className={inline ? "flex items-center gap-2" : "flex min-w-56 flex-col gap-1"}>
      <label htmlFor={id} className={cn("text-xs text-muted-foreground", inline ? "shrink-0" : "font-medium")}>
        Space
      </label>
      <NativeSelect
        id={id}
        data-testid={id}
        className={inline ? "h-8" : undefined}
        value={value ?? ""}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">Personal</option>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

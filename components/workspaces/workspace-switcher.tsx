"use client";

// Personal space or one of my workspaces: switches the page it sits on (History) to that space
// through the URL (?workspace=<id>), so the back button and a shared link keep the choice.
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { NativeSelect } from "@/components/ui/native-select";

export interface SpaceOption {
  id: string;
  name: string;
}

export function WorkspaceSwitcher({ workspaces, current }: { workspaces: SpaceOption[]; current: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex min-w-56 flex-col gap-1">
      <label htmlFor="workspace-switcher" className="text-xs font-medium text-muted-foreground">
        Space
      </label>
      <NativeSelect
        id="workspace-switcher"
        data-testid="workspace-switcher"
        value={current ?? ""}
        disabled={pending}
        onChange={(event) => {
          const id = event.target.value;
          startTransition(() => router.push(id ? `${pathname}?workspace=${encodeURIComponent(id)}` : pathname));
        }}
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

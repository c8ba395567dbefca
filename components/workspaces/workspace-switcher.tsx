"use client";

// Personal space or one of my workspaces: switches the page it sits on (History, the playground)
// to that space through the URL (?workspace=<id>), so the back button and a shared link keep the
// choice. Anything else in the URL (a search, a page, an opened conversation) belongs to the
// space left behind and is dropped.
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { SpaceSelect, type SpaceOption } from "./space-select";

export function WorkspaceSwitcher({ workspaces, current, describedBy }: { workspaces: SpaceOption[]; current: string | null; describedBy?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <SpaceSelect
      id="workspace-switcher"
      workspaces={workspaces}
      value={current}
      disabled={pending}
      describedBy={describedBy}
      onChange={(id) => startTransition(() => router.push(id ? `${pathname}?workspace=${encodeURIComponent(id)}` : pathname))}
    />
  );
}

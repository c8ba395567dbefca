"use client";

// The pane's space switcher: the personal space or one of the user's workspaces. New
// conversations start in the chosen space; its admins' policies show here (the server applies
// them whatever the pane does). The list is read again when the pane regains focus and every
// half minute, so a policy an admin changes reaches an open pane without a reload.
import { useCallback, useEffect, useState } from "react";
import { SpaceSelect } from "@/components/workspaces/space-select";
import type { Fetcher } from "@/lib/addin/api-client";
import { listPaneWorkspaces, policyNote, type PaneWorkspace } from "@/lib/addin/workspaces";

const STORAGE_KEY = "eaa-workspace";
const REFRESH_MS = 30_000;

export interface Spaces {
  workspaces: PaneWorkspace[];
  current: PaneWorkspace | null;
  /**
   * The workspace the pane works in right now (null: personal): `current`, or before the list has
   * first loaded the remembered choice, so the cells Excel recalculates as a workbook opens are
   * computed in the space the pane was left in rather than the personal one.
   */
  workingIn: string | null;
  choose(id: string | null): void;
}

function remembered(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function useWorkspaces(fetcher: Fetcher, signedIn: boolean): Spaces {
  const [workspaces, setWorkspaces] = useState<PaneWorkspace[]>([]);
  const [chosen, setChosen] = useState<string | null>(() => (signedIn ? remembered() : null));
  const [loaded, setLoaded] = useState(false);

  const load = useCallback(async () => {
    const result = await listPaneWorkspaces(fetcher);
    if (result.ok) {
      setWorkspaces(result.data);
      setLoaded(true);
    }
  }, [fetcher]);

  useEffect(() => {
    if (!signedIn) {
      setWorkspaces([]);
      setLoaded(false);
      return;
    }
    setChosen(remembered());
    void load();
    const onFocus = () => void load();
    window.addEventListener("focus", onFocus);
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      window.removeEventListener("focus", onFocus);
      window.clearInterval(timer);
    };
  }, [signedIn, load]);

  const choose = useCallback((id: string | null) => {
    setChosen(id);
    try {
      if (id) window.localStorage.setItem(STORAGE_KEY, id);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage blocked: the choice lasts until the pane closes.
    }
  }, []);

  // A workspace the user has left (or was removed from) is no longer offered.
  const current = workspaces.find((w) => w.id === chosen) ?? null;
  const workingIn = !signedIn ? null : loaded ? (current?.id ?? null) : chosen;
  return { workspaces, current, workingIn, choose };
}

export function WorkspacePicker({ spaces, onChange }: { spaces: Spaces; onChange: (id: string | null) => void }) {
  const note = policyNote(spaces.current);
  return (
    <div className="flex flex-col gap-1 border-b px-3 py-2">
      <SpaceSelect id="pane-workspace" inline workspaces={spaces.workspaces} value={spaces.current?.id ?? null} onChange={onChange} />
      {note ? (
        <p className="text-xs text-muted-foreground" data-testid="pane-policy-note">
          {note}
        </p>
      ) : null}
    </div>
  );
}

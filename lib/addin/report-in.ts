// A signed-in pane tells the server it is running (POST /api/addin/heartbeat), so the Connect
// page on the dashboard can show its user "Connected" once the add-in is installed. Best effort:
// a failure here never disturbs the pane, which works the same either way.
import { ADDIN_VERSION } from "./build-manifest";
import type { Fetcher } from "./api-client";

export interface PaneReport {
  host: string | null;
  platform: string | null;
  officeVersion: string | null;
  addinVersion: string;
}

const clip = (value: unknown): string | null => {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).replace(/[^\w .:()+-]/g, "").trim().slice(0, 40);
  return text || null;
};

/** What Office says about the host this pane runs in (Office.context.diagnostics), if anything. */
export function describePane(): PaneReport {
  let diagnostics: { host?: unknown; platform?: unknown; version?: unknown } | undefined;
  try {
    diagnostics = typeof Office !== "undefined" ? (Office.context?.diagnostics as typeof diagnostics) : undefined;
  } catch {
    diagnostics = undefined;
  }
  return {
    host: clip(diagnostics?.host),
    platform: clip(diagnostics?.platform),
    officeVersion: clip(diagnostics?.version),
    addinVersion: ADDIN_VERSION,
  };
}

/** Reports in once; resolves to whether the server recorded it. */
export async function reportIn(fetcher: Fetcher, report: PaneReport = describePane()): Promise<boolean> {
  try {
    const response = await fetcher("/api/addin/heartbeat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(report),
    });
    return response.ok;
  } catch {
    return false;
  }
}

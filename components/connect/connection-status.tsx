// Whether this user's add-in has reported in: "Connected — last seen …" once a signed-in task
// pane has started in Excel (POST /api/addin/heartbeat), otherwise "Not connected yet" with what
// that means. A server component; "Check again" renders it afresh after installing.
import "server-only";
import { CircleCheck, CircleDashed } from "lucide-react";
import { LocalDateTime } from "@/components/dashboard/local-date-time";
import { RefreshButton } from "@/components/dashboard/refresh-button";
import { loadSection, SectionError } from "@/components/dashboard/section-error";
import { getAddinConnection, type AddinConnection } from "@/lib/db/addin-heartbeats";
import type { DbClaims } from "@/lib/db/with-rls";

// Office.context.diagnostics.platform values, in the words Microsoft uses for each Excel.
const PLATFORMS: Record<string, string> = {
  OfficeOnline: "Excel on the web",
  PC: "Excel on Windows",
  Mac: "Excel on Mac",
  iOS: "Excel on iPad",
  Android: "Excel on Android",
  Universal: "Excel on Windows",
};

function whereFrom(connection: AddinConnection): string | null {
  const platform = connection.platform ? (PLATFORMS[connection.platform] ?? `Excel (${connection.platform})`) : null;
  if (!platform) return null;
  return connection.officeVersion ? `${platform}, version ${connection.officeVersion}` : platform;
}

export async function ConnectionStatus({ claims }: { claims: DbClaims }) {
  const load = await loadSection(getAddinConnection({ claims }));
  return (
    <section aria-labelledby="connection-title" className="flex flex-col gap-3 rounded-xl border bg-card p-4 text-card-foreground sm:p-6">
      <h2 id="connection-title" className="font-semibold">
        Your add-in
      </h2>
      {!load.ok ? (
        <SectionError id="connection-error" message={`The add-in's status could not be loaded: ${load.message}`} />
      ) : load.data ? (
        <div className="flex flex-col gap-1" data-testid="addin-status" data-state="connected">
          <p className="flex items-center gap-2 font-medium">
            <CircleCheck aria-hidden="true" className="size-5 text-success" />
            <span>
              Connected — last seen <LocalDateTime iso={load.data.lastSeenAt.toISOString()} />
            </span>
          </p>
          <p className="text-sm text-muted-foreground">
            {whereFrom(load.data) ? `Signed in from ${whereFrom(load.data)}. ` : ""}
            The task pane reports in each time it starts signed in to this account.
          </p>
        </div>
      ) : (
        <div className="flex flex-col items-start gap-3" data-testid="addin-status" data-state="not-connected">
          <div className="flex flex-col gap-1">
            <p className="flex items-center gap-2 font-medium">
              <CircleDashed aria-hidden="true" className="size-5 text-muted-foreground" />
              Not connected yet
            </p>
            <p className="text-sm text-muted-foreground">
              Follow the steps below. Once the task pane is open in Excel and signed in to this account, it reports in and
              this says <strong>Connected</strong>.
            </p>
          </div>
          <RefreshButton>Check again</RefreshButton>
        </div>
      )}
    </section>
  );
}

// "Security activity" on the Account page: my audit log, newest first, read-only. The first page
// is read on the server under my RLS context; older pages load on request (AuditLogEntries).
import { AUDIT_PAGE_DEFAULT } from "@/app/api/audit/schema";
import { Skeleton } from "@/components/ui/skeleton";
import { listAuditLog } from "@/lib/db/audit-log";
import type { DbClaims } from "@/lib/db/with-rls";
import { AuditLogEntries } from "./audit-log-entries";
import { loadSection, SectionError } from "./section-error";

function AuditLogSection({ children }: { children: React.ReactNode }) {
  return (
    <section aria-labelledby="audit-log-title" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="audit-log-title" className="font-semibold">
          Security activity
        </h2>
        <p className="text-sm text-muted-foreground">
          Sign-ins, API keys, exports and plan changes on your account. If something here was not you, change your
          password and revoke your API keys.
        </p>
      </div>
      {children}
    </section>
  );
}

export async function AuditLog({ claims }: { claims: DbClaims }) {
  const load = await loadSection(listAuditLog({ claims, limit: AUDIT_PAGE_DEFAULT }));
  return (
    <AuditLogSection>
      {load.ok ? (
        // A new newest entry (after an export, say) starts the list afresh from the server's page.
        <AuditLogEntries key={load.data.entries[0]?.id ?? "none"} first={load.data} pageSize={AUDIT_PAGE_DEFAULT} />
      ) : (
        <SectionError id="audit-log-error" message={`Could not load your security activity: ${load.message}`} />
      )}
    </AuditLogSection>
  );
}

/** Stands in for the section while the server reads the log. */
export function AuditLogSkeleton() {
  return (
    <AuditLogSection>
      <div className="flex flex-col gap-2" role="status" aria-busy="true" aria-label="Loading security activity">
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-12 w-full" />
      </div>
    </AuditLogSection>
  );
}

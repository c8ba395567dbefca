// The billing page's view of team seats: for each workspace I own or administer, the seats used
// and paid. Seats are bought and changed on the workspace's own page.
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { DbClaims } from "@/lib/db/with-rls";
import { getSeatCounts, listWorkspaces } from "@/lib/db/workspaces";
import { seatsView, workspacePlan } from "@/lib/workspaces/workspace-plan";

/** Seats of the workspaces I own or administer (none when the database cannot say: the page still renders). */
export async function loadWorkspaceSeats(claims: DbClaims) {
  try {
    const managed = (await listWorkspaces({ claims })).filter((w) => w.role !== "member");
    return await Promise.all(
      managed.map(async (w) => {
        const counts = await getSeatCounts({ workspaceId: w.id });
        return { id: w.id, name: w.name, plan: workspacePlan(counts).plan, seats: seatsView(counts) };
      }),
    );
  } catch {
    return [];
  }
}

export function WorkspaceSeats({ rows }: { rows: Awaited<ReturnType<typeof loadWorkspaceSeats>> }) {
  if (rows.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Team seats</CardTitle>
        <CardDescription>The Team plan is sold per seat, for a workspace. Buy or change seats on the workspace's page.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="divide-y text-sm" data-testid="workspace-seats">
          {rows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <Link href={`/dashboard/workspaces/${w.id}`} className="font-medium hover:underline">
                {w.name}
              </Link>
              <span className="ml-auto text-muted-foreground">
                {w.seats.used} used · {w.seats.paid} paid
                {w.seats.limit === null ? " · no limit" : ` · ${w.seats.limit} available`} · {w.plan} plan
              </span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

// Billing dates are days (renewal, trial end), rendered on the server: shown in UTC and said
// so, rather than in the server's own time zone, which means nothing to the reader.
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function formatBillingDate(iso: string): string {
  return day.format(new Date(iso));
}

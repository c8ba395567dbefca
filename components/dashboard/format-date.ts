// Dates in the viewer's locale and time zone. Only called in the browser (client components
// after their data arrived, or LocalDateTime once hydrated), so server and client never render
// different strings.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(iso: string) {
  return dateTime.format(new Date(iso));
}

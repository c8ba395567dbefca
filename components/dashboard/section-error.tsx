// Server-rendered dashboard sections load their own data; one that fails says why in the words
// the API would use (an AppError's message, or the generic one with the details in the log) and
// offers to try again, while the rest of the page still renders.
import "server-only";
import { FormError } from "@/components/auth/form-error";
import { toAppError } from "@/lib/api/error-response";
import { RefreshButton } from "./refresh-button";

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/** The data, or the message to show for the failure (never a database or provider detail). */
export async function loadSection<T>(load: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await load };
  } catch (error) {
    return { ok: false, message: toAppError(error).message };
  }
}

export function SectionError({ id, message }: { id: string; message: string }) {
  return (
    <div className="flex flex-col items-start gap-3">
      <FormError id={id} message={message} />
      <RefreshButton />
    </div>
  );
}

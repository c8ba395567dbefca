// Sign-in through the Office dialog API: the dialog opens /addin/sign-in on our own origin, the
// user signs in there, and the page hands the session back with messageParent. A message is
// accepted only from our own origin and only in the shape we expect.
import { z } from "zod";
import { sessionResponseSchema, type SessionResponse } from "./credential";

export const SIGN_IN_MESSAGE_TYPE = "excel-ai-assistant:sign-in";

const signInMessageSchema = z.object({ type: z.literal(SIGN_IN_MESSAGE_TYPE), session: sessionResponseSchema });

/** 12006: the user closed the dialog. */
const DIALOG_CLOSED = 12006;

export class SignInCancelledError extends Error {
  constructor() {
    super("Sign-in was cancelled.");
    this.name = "SignInCancelledError";
  }
}

/** The session from a dialog message, or null when it is not one we asked for. */
export function readSignInMessage(arg: { message?: string; origin?: string }, expectedOrigin: string): SessionResponse | null {
  if (arg.origin !== expectedOrigin || typeof arg.message !== "string") return null;
  try {
    const parsed = signInMessageSchema.safeParse(JSON.parse(arg.message));
    return parsed.success ? parsed.data.session : null;
  } catch {
    return null;
  }
}

export function signInWithDialog(origin: string = window.location.origin): Promise<SessionResponse> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(`${origin}/addin/sign-in`, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new Error(`The sign-in window could not open (${result.error?.message ?? "unknown error"}).`));
        return;
      }
      const dialog = result.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        const session = readSignInMessage(arg as { message?: string; origin?: string }, origin);
        if (!session) return;
        dialog.close();
        resolve(session);
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        const code = (arg as { error?: number }).error;
        reject(code === DIALOG_CLOSED ? new SignInCancelledError() : new Error(`The sign-in window reported an error (${code}).`));
      });
    });
  });
}

// The email port: what the app needs from a mail service (one plain-text message with an
// optional HTML twin). SMTP when SMTP_URL is set, else the server log (get-mailer.ts chooses).
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  kind: "smtp" | "log";
  send(message: EmailMessage): Promise<void>;
}

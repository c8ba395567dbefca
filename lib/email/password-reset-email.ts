// The password reset email: plain text first (every client shows it), with a simple HTML twin.
import type { EmailMessage } from "./mailer";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

export function passwordResetEmail({ to, link, validMinutes }: { to: string; link: string; validMinutes: number }): EmailMessage {
  const text = [
    "Someone asked to reset the password of your Excel AI Assistant account.",
    "",
    `To choose a new password, open this link within ${validMinutes} minutes. It works once:`,
    link,
    "",
    "Setting a new password signs out every device signed in to your account.",
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ].join("\n");
  const html = `<p>Someone asked to reset the password of your Excel AI Assistant account.</p>
<p>To choose a new password, open this link within ${validMinutes} minutes. It works once:</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a></p>
<p>Setting a new password signs out every device signed in to your account.<br>If you did not ask for this, ignore this email: your password stays as it is.</p>`;
  return { to, subject: "Reset your Excel AI Assistant password", text, html };
}

// Email through an SMTP server with nodemailer (SMTP_URL such as smtps://user:pass@host:465, or
// smtp://host:587, upgraded with STARTTLS when the server offers it).
import "server-only";
import nodemailer from "nodemailer";
import type { EmailMessage, Mailer } from "./mailer";

export function createSmtpMailer({ url, from }: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    async send(message: EmailMessage) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}

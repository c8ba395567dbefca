// SMTP_URL and EMAIL_FROM are checked at start-up with a message naming the variable, and the
// mail adapter follows SMTP_URL: SMTP when set, the server log when not.
import { describe, expect, it } from "vitest";
import { type EnvError, env, parseEnv } from "@/lib/env";
import { getMailer } from "@/lib/email/get-mailer";
import { passwordResetEmail } from "@/lib/email/password-reset-email";

function problems(source: Record<string, string>) {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    return (error as EnvError).issues.map((issue) => `${issue.variable}: ${issue.message}`);
  }
}

describe("email configuration", () => {
  it("accepts smtp:// and smtps:// URLs and plain or named senders", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:pw@smtp.example.com:465", EMAIL_FROM: "Team <team@example.com>" }).SMTP_URL).toBe(
      "smtps://user:pw@smtp.example.com:465",
    );
    expect(parseEnv({ EMAIL_FROM: "team@example.com" }).EMAIL_FROM).toBe("team@example.com");
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({}).EMAIL_FROM).toMatch(/<.+@.+>/);
  });

  it("names the variable and what is allowed when a value is malformed", () => {
    expect(problems({ SMTP_URL: "https://mail.example.com" })).toEqual(["SMTP_URL: must be a URL starting with smtp:// or smtps://"]);
    expect(problems({ EMAIL_FROM: "not an address" })[0]).toMatch(/^EMAIL_FROM: must be an email address/);
  });

  it("sends through SMTP when SMTP_URL is set, and to the log otherwise", () => {
    const before = env.SMTP_URL;
    try {
      env.SMTP_URL = undefined;
      expect(getMailer().kind).toBe("log");
      env.SMTP_URL = "smtp://127.0.0.1:2525";
      expect(getMailer().kind).toBe("smtp");
    } finally {
      env.SMTP_URL = before;
    }
  });

  it("writes the link into both parts of the reset email, escaped in HTML", () => {
    const message = passwordResetEmail({ to: "a@example.com", link: "https://app.example/reset-password?token=a&b", validMinutes: 30 });
    expect(message.text).toContain("https://app.example/reset-password?token=a&b");
    expect(message.html).toContain('href="https://app.example/reset-password?token=a&amp;b"');
    expect(message.text).toMatch(/30 minutes/);
  });
});

// The password rules the server enforces (lib/auth/password.ts), checked as the user types so
// an obviously weak password does not spend one of the few sign-up attempts an IP gets.
// The server stays the authority: it also refuses the most common passwords.
const PASSWORD_MIN_LENGTH = 8;

export const PASSWORD_RULES = [
  { id: "length", label: `At least ${PASSWORD_MIN_LENGTH} characters`, test: (p: string) => p.length >= PASSWORD_MIN_LENGTH },
  {
    id: "mix",
    label: "Letters plus digits or symbols",
    test: (p: string) => /[a-zA-Z]/.test(p) && /[0-9\W_]/.test(p),
  },
] as const;

/** The first rule a password breaks, worded like the server's message, or null. */
export function clientPasswordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password is too weak: use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (!PASSWORD_RULES[1].test(password)) return "Password is too weak: mix letters with digits or symbols.";
  return null;
}

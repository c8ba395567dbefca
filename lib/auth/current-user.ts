// The signed-in user of a page render (server components). Pages check again; proxy.ts only
// refreshes sessions. Server components cannot set cookies, so the jar here is read-only and
// nothing is refreshed here: an expired local session was already sent through /auth/refresh
// by proxy.ts.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { CookieJar } from "./auth-adapter";
import { getAuth } from "./get-auth";
import { userPrincipal, type UserPrincipal } from "./principal";

export async function getCurrentUser(): Promise<UserPrincipal | null> {
  const store = await cookies();
  const jar: CookieJar = {
    get: (name) => store.get(name)?.value,
    getAll: () => store.getAll().map(({ name, value }) => ({ name, value })),
    set: () => {},
  };
  const user = await getAuth().userFromCookies(jar, false, { refresh: false });
  return user ? userPrincipal(user, "cookie") : null;
}

/** For dashboard pages: the user, or a redirect to sign-in that comes back here. */
export async function requireUser(next: string): Promise<UserPrincipal> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return user;
}

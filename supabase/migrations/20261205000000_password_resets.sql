-- Password reset links for local accounts: one row per emailed link. Only a SHA-256 hash of the
-- link's token is kept, so a copy of the table cannot be turned into working links. A link works
-- once (used_at) and for a limited time (expires_at). Supabase Auth keeps its own recovery
-- tokens; with it this table stays empty.
--
-- Only the server touches it: row level security is on with no policy, and neither signed-in
-- users nor anonymous callers hold any privilege on it.

create table public.password_reset_tokens (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_reset_tokens_user_idx on public.password_reset_tokens (user_id);

alter table public.password_reset_tokens enable row level security;
revoke all on public.password_reset_tokens from anon, authenticated;
grant select, insert, update, delete on public.password_reset_tokens to service_role;

comment on table public.password_reset_tokens is
  'Password reset links of local accounts: token hashes, single use, short-lived. Server only.';

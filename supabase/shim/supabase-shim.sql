-- Local stand-in for what Supabase already provides: the auth schema and users table, the
-- auth.uid()/auth.jwt()/auth.role() helpers reading `request.jwt.claims` as PostgREST sets it,
-- and the anon / authenticated / service_role roles. Applied by lib/db/migrate.ts to PGlite
-- and to plain Postgres servers only; never to Supabase (it is skipped when auth.users exists
-- and was not created by this shim).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

grant anon, authenticated, service_role to current_user;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text unique,
  encrypted_password text,
  email_confirmed_at timestamptz,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table auth.users is 'created by the local Supabase shim';

-- Refresh tokens of local sessions (Supabase keeps its own): only hashes are stored.
create table if not exists auth.refresh_tokens (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  session_id uuid not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- rotated: replaced by a newer token (reusable for a few seconds); revoked: signed out.
  rotated_at timestamptz,
  revoked_at timestamptz
);
create index if not exists refresh_tokens_user_idx on auth.refresh_tokens (user_id);

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select nullif(auth.jwt() ->> 'sub', '')::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(auth.jwt() ->> 'role', current_user::text)
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

-- The server manages local accounts as service_role (Supabase's GoTrue does this itself).
grant select, insert, update, delete on auth.users, auth.refresh_tokens to service_role;
grant select (id, email) on auth.users to authenticated;
-- Columns added after the first release of the shim (create table if not exists skips them).
alter table auth.refresh_tokens add column if not exists rotated_at timestamptz;
-- When the session's user last proved who they are (the password at sign-in), copied to every
-- rotation of the session; null for sessions older than this column (treated as long ago).
alter table auth.refresh_tokens add column if not exists authenticated_at timestamptz;
-- Whether an access token's session is still signed in is asked by session id on every request.
create index if not exists refresh_tokens_session_idx on auth.refresh_tokens (session_id);

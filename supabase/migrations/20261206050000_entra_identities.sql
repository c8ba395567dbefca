-- Microsoft sign-in: which account a Microsoft Entra ID user is. A person is identified by their
-- tenant (`tid`) and their object id in that tenant (`oid`), never by an email claim, which a
-- tenant administrator can set to anything. The primary key is what makes provisioning create
-- exactly one account per person however many first requests arrive at once.

create table public.entra_identities (
  tenant_id uuid not null,
  object_id uuid not null,
  user_id uuid not null unique references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  -- When tenant-linked workspaces were last checked for this person (at most hourly).
  last_seen_at timestamptz not null default now(),
  primary key (tenant_id, object_id)
);

alter table public.entra_identities enable row level security;
-- Users read their own link; only the server creates, updates or removes one.
create policy entra_identities_select on public.entra_identities for select to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.entra_identities from anon;
grant select on public.entra_identities to authenticated;
grant all on public.entra_identities to service_role;

comment on table public.entra_identities is
  'The account of each Microsoft Entra ID user (tenant id, object id) who signed in with a Microsoft access token.';

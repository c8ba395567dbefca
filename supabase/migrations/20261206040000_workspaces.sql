-- Team workspaces (docs/architecture.md, "Workspaces"): members with roles, single-use invite
-- links, a workspace audit log, admin policies, seats bought through Stripe, and conversations
-- shared with the members of the workspace they were started in.
--
-- Existing data stays where it is: every conversation already stored keeps workspace_id null and
-- so stays in its author's personal space, which everyone keeps whatever workspaces they join.
--
-- Membership is decided in one place, the helper functions below (security definer, so a policy
-- on workspace_members can ask about workspace_members without recursing into its own policy).

-- workspaces -------------------------------------------------------------------------------
create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 100),
  created_by uuid references auth.users (id) on delete set null,
  -- Microsoft Entra tenant whose users join this workspace as members when they sign in.
  entra_tenant_id text check (char_length(entra_tenant_id) <= 100),
  -- Admin policies, applied by the server to every request made in the workspace.
  -- null: members choose freely; 'ask': edits always wait for a click; 'read_only': no edits.
  max_write_mode text check (max_write_mode in ('ask', 'read_only')),
  force_pii_redaction boolean not null default false,
  retention_days integer check (retention_days between 1 and 3650),
  -- null: every configured provider; otherwise only these (e.g. {azure}).
  allowed_providers text[] check (allowed_providers <@ array['azure', 'openai', 'compatible']::text[]),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index workspaces_entra_tenant_idx on public.workspaces (entra_tenant_id) where entra_tenant_id is not null;
create trigger workspaces_touch before update on public.workspaces
  for each row execute function public.touch_updated_at();

create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index workspace_members_user_idx on public.workspace_members (user_id);

-- Invite links: only a hash of the token is stored; a token is used once.
create table public.workspace_invites (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  role text not null default 'member' check (role in ('admin', 'member')),
  token_hash text not null unique,
  created_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_by uuid references auth.users (id) on delete set null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index workspace_invites_workspace_idx on public.workspace_invites (workspace_id, created_at desc);

-- Membership and policy changes, readable by the workspace's owners and admins.
create table public.workspace_audit_log (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  action text not null,
  target_user_id uuid references auth.users (id) on delete set null,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index workspace_audit_log_workspace_idx on public.workspace_audit_log (workspace_id, id desc);

-- The membership helpers every policy goes through. `stable`: evaluated once per statement and
-- argument; `security definer` with an empty search_path: they read workspace_members without
-- its own RLS (no recursion) and cannot be redirected by a caller's search_path.
create or replace function public.workspace_role(ws uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select m.role from public.workspace_members m
  where m.workspace_id = ws and m.user_id = auth.uid()
$$;

create or replace function public.is_workspace_member(ws uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.workspace_members m
    where m.workspace_id = ws and m.user_id = auth.uid()
  )
$$;

create or replace function public.is_workspace_admin(ws uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.workspace_members m
    where m.workspace_id = ws and m.user_id = auth.uid() and m.role in ('owner', 'admin')
  )
$$;

revoke all on function public.workspace_role(uuid), public.is_workspace_member(uuid), public.is_workspace_admin(uuid) from public;
grant execute on function public.workspace_role(uuid), public.is_workspace_member(uuid), public.is_workspace_admin(uuid)
  to authenticated, service_role;

-- A workspace always keeps an owner. Leaving, removal or demotion of the last owner is refused;
-- when the last owner's account itself is deleted, the longest-standing member becomes owner,
-- and a workspace left with nobody goes with its last member.
create or replace function public.keep_workspace_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  ws uuid := old.workspace_id;
  heir uuid;
begin
  if old.role <> 'owner' then return null; end if;
  if tg_op = 'UPDATE' and new.role = 'owner' then return null; end if;
  -- The workspace itself is being deleted (this row goes by cascade).
  if not exists (select 1 from public.workspaces w where w.id = ws) then return null; end if;
  if exists (select 1 from public.workspace_members m where m.workspace_id = ws and m.role = 'owner') then return null; end if;
  if tg_op = 'DELETE' and not exists (select 1 from auth.users u where u.id = old.user_id) then
    select m.user_id into heir from public.workspace_members m
      where m.workspace_id = ws
      order by case m.role when 'admin' then 0 else 1 end, m.created_at, m.user_id
      limit 1;
    if heir is null then
      delete from public.workspaces w where w.id = ws;
    else
      update public.workspace_members m set role = 'owner' where m.workspace_id = ws and m.user_id = heir;
    end if;
    return null;
  end if;
  raise exception 'a workspace must keep at least one owner' using errcode = 'P0001', hint = 'last_owner';
end
$$;
create trigger workspace_members_keep_owner after update or delete on public.workspace_members
  for each row execute function public.keep_workspace_owner();

alter table public.workspaces enable row level security;
create policy workspaces_select on public.workspaces for select to authenticated
  using ((select public.is_workspace_member(id)));
create policy workspaces_update on public.workspaces for update to authenticated
  using ((select public.is_workspace_admin(id))) with check ((select public.is_workspace_admin(id)));
create policy workspaces_delete on public.workspaces for delete to authenticated
  using ((select public.workspace_role(id)) = 'owner');
-- Creating a workspace (with its first owner) and accepting an invite are server writes: the
-- server checks the token or the caller first, then writes as service_role.

alter table public.workspace_members enable row level security;
create policy workspace_members_select on public.workspace_members for select to authenticated
  using ((select public.is_workspace_member(workspace_id)));
-- Admins change roles; only an owner makes or unmakes an owner.
create policy workspace_members_update on public.workspace_members for update to authenticated
  using (
    (select public.is_workspace_admin(workspace_id))
    and (role <> 'owner' or (select public.workspace_role(workspace_id)) = 'owner')
  )
  with check (
    (select public.is_workspace_admin(workspace_id))
    and (role <> 'owner' or (select public.workspace_role(workspace_id)) = 'owner')
  );
-- Members leave; admins remove members and admins; only an owner removes an owner.
create policy workspace_members_delete on public.workspace_members for delete to authenticated
  using (
    user_id = (select auth.uid())
    or ((select public.is_workspace_admin(workspace_id)) and (role <> 'owner' or (select public.workspace_role(workspace_id)) = 'owner'))
  );

alter table public.workspace_invites enable row level security;
create policy workspace_invites_select on public.workspace_invites for select to authenticated
  using ((select public.is_workspace_admin(workspace_id)));
create policy workspace_invites_insert on public.workspace_invites for insert to authenticated
  with check ((select public.is_workspace_admin(workspace_id)) and created_by = (select auth.uid()));
create policy workspace_invites_update on public.workspace_invites for update to authenticated
  using ((select public.is_workspace_admin(workspace_id))) with check ((select public.is_workspace_admin(workspace_id)));
create policy workspace_invites_delete on public.workspace_invites for delete to authenticated
  using ((select public.is_workspace_admin(workspace_id)));

alter table public.workspace_audit_log enable row level security;
create policy workspace_audit_log_select on public.workspace_audit_log for select to authenticated
  using ((select public.is_workspace_admin(workspace_id)));

-- conversations: personal (workspace_id null, the author only) or shared with a workspace ------
alter table public.conversations
  add column workspace_id uuid references public.workspaces (id) on delete cascade;
create index conversations_workspace_updated_idx on public.conversations (workspace_id, updated_at desc)
  where workspace_id is not null;

drop policy conversations_select on public.conversations;
drop policy conversations_insert on public.conversations;
drop policy conversations_update on public.conversations;
drop policy conversations_delete on public.conversations;
-- A member sees every conversation of the workspace; a removed member, none of them (their own
-- included: it belongs to the workspace).
create policy conversations_select on public.conversations for select to authenticated
  using (
    case when workspace_id is null then user_id = (select auth.uid())
         else (select public.is_workspace_member(workspace_id)) end
  );
create policy conversations_insert on public.conversations for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and (workspace_id is null or (select public.is_workspace_member(workspace_id)))
  );
-- Only the author continues (and so updates) a conversation, and only while still a member.
create policy conversations_update on public.conversations for update to authenticated
  using (
    user_id = (select auth.uid())
    and (workspace_id is null or (select public.is_workspace_member(workspace_id)))
  )
  with check (
    user_id = (select auth.uid())
    and (workspace_id is null or (select public.is_workspace_member(workspace_id)))
  );
-- The author deletes their own; the workspace's owners and admins delete any of it.
create policy conversations_delete on public.conversations for delete to authenticated
  using (
    case when workspace_id is null then user_id = (select auth.uid())
         else (user_id = (select auth.uid()) and (select public.is_workspace_member(workspace_id)))
              or (select public.is_workspace_admin(workspace_id)) end
  );

-- messages: readable wherever their conversation is (the conversation's policy decides).
drop policy messages_select on public.messages;
create policy messages_select on public.messages for select to authenticated
  using (exists (select 1 from public.conversations c where c.id = conversation_id));

-- usage_records: which workspace a chat drew on, so admins see usage per member ----------------
alter table public.usage_records
  add column workspace_id uuid references public.workspaces (id) on delete set null;
create index usage_records_workspace_created_idx on public.usage_records (workspace_id, created_at)
  where workspace_id is not null;
create policy usage_records_workspace_select on public.usage_records for select to authenticated
  using (workspace_id is not null and (select public.is_workspace_admin(workspace_id)));

-- subscriptions: a team subscription belongs to a workspace; its quantity is the seat count -----
alter table public.subscriptions
  add column workspace_id uuid references public.workspaces (id) on delete set null,
  add column quantity integer not null default 1 check (quantity >= 0);
create index subscriptions_workspace_idx on public.subscriptions (workspace_id) where workspace_id is not null;
create policy subscriptions_workspace_select on public.subscriptions for select to authenticated
  using (workspace_id is not null and (select public.is_workspace_admin(workspace_id)));

revoke all on public.workspaces, public.workspace_members, public.workspace_invites, public.workspace_audit_log from anon;
grant select, update, delete on public.workspaces to authenticated;
grant select, update, delete on public.workspace_members to authenticated;
grant select, insert, update, delete on public.workspace_invites to authenticated;
grant select on public.workspace_audit_log to authenticated;
grant all on public.workspaces, public.workspace_members, public.workspace_invites, public.workspace_audit_log to service_role;
grant all on all sequences in schema public to service_role;

comment on table public.workspaces is 'Team workspaces: members share conversations, a seat count, a pooled quota and admin policies.';
comment on column public.workspaces.entra_tenant_id is 'Microsoft Entra tenant id; users of that tenant join as members when they sign in with Microsoft.';

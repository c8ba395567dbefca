-- Add-in heartbeats: when a signed-in task pane starts, it reports in, so the Connect page can
-- tell a user their add-in works ("Connected, last seen ...") instead of leaving them to guess.
-- One row per user: the most recent report, with the Office host it came from.

create table public.addin_heartbeats (
  user_id uuid primary key references auth.users (id) on delete cascade,
  last_seen_at timestamptz not null default now(),
  -- What Office reported about itself (e.g. Excel, OfficeOnline, 16.0.17928.20114); shown, never trusted.
  host text check (char_length(host) <= 40),
  platform text check (char_length(platform) <= 40),
  office_version text check (char_length(office_version) <= 40),
  addin_version text check (char_length(addin_version) <= 40)
);

alter table public.addin_heartbeats enable row level security;
create policy addin_heartbeats_select on public.addin_heartbeats for select to authenticated
  using (user_id = (select auth.uid()));
create policy addin_heartbeats_insert on public.addin_heartbeats for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy addin_heartbeats_update on public.addin_heartbeats for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy addin_heartbeats_delete on public.addin_heartbeats for delete to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.addin_heartbeats from anon;
grant select, insert, update, delete on public.addin_heartbeats to authenticated;
grant all on public.addin_heartbeats to service_role;

comment on table public.addin_heartbeats is
  'The last time each user''s signed-in Excel task pane reported in, and from which Office host.';

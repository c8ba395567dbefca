-- In-cell function results shared within a workspace. A call made while the pane works in a
-- workspace is cached for the workspace, so a colleague with the same inputs is answered from the
-- cache at no cost; results made in the personal space stay their user's alone.
--
-- A row is either personal (workspace_id null: its user reads and writes it) or the workspace's
-- (workspace_id set: every current member reads it; user_id is the member whose call computed
-- it). Workspace rows are written by the server only, after it has checked membership in the same
-- transaction: a member cannot plant a value that colleagues' cells would then show. A removed
-- member stops reading them at once; deleting the workspace deletes them.

alter table public.function_results
  add column workspace_id uuid references public.workspaces (id) on delete cascade;

-- One result per key in each cache: a user's own, and each workspace's.
alter table public.function_results drop constraint function_results_pkey;
create unique index function_results_personal_key on public.function_results (user_id, cache_key)
  where workspace_id is null;
create unique index function_results_workspace_key on public.function_results (workspace_id, cache_key)
  where workspace_id is not null;
-- The account export and account deletion find a user's rows in both caches.
create index function_results_user_idx on public.function_results (user_id);

drop policy function_results_select on public.function_results;
drop policy function_results_insert on public.function_results;
drop policy function_results_update on public.function_results;
drop policy function_results_delete on public.function_results;

create policy function_results_select on public.function_results for select to authenticated
  using (
    case when workspace_id is null then user_id = (select auth.uid())
         else (select public.is_workspace_member(workspace_id)) end
  );
create policy function_results_insert on public.function_results for insert to authenticated
  with check (workspace_id is null and user_id = (select auth.uid()));
create policy function_results_update on public.function_results for update to authenticated
  using (workspace_id is null and user_id = (select auth.uid()))
  with check (workspace_id is null and user_id = (select auth.uid()));
create policy function_results_delete on public.function_results for delete to authenticated
  using (workspace_id is null and user_id = (select auth.uid()));

comment on table public.function_results is
  'Cached results of the in-cell AI functions, per user (workspace_id null) or per workspace (shared with its members), kept 30 days (expires_at).';
comment on column public.function_results.workspace_id is
  'The workspace whose members share this result; null for a personal result of user_id.';

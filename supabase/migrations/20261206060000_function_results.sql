-- Functions in cells (=AI.ASK, =AI.CLASSIFY, =AI.EXTRACT): results kept for 30 days so that a
-- recalculation, a reopened workbook or a repeated input never calls the model twice. Rows belong
-- to one user and are read and written under RLS as that user: a result computed for one account
-- is never served to another, whatever the inputs.

create table public.function_results (
  user_id uuid not null references auth.users (id) on delete cascade,
  -- sha256 (hex) of the function, its normalised arguments, the model and the prompt version.
  cache_key text not null check (char_length(cache_key) = 64),
  function_name text not null check (function_name in ('ASK', 'CLASSIFY', 'EXTRACT')),
  -- What the cell shows: a string, number or boolean, stored as JSON.
  value jsonb not null,
  model text not null check (char_length(model) <= 200),
  provider text not null check (char_length(provider) <= 100),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (user_id, cache_key)
);
create index function_results_expires_idx on public.function_results (expires_at);

alter table public.function_results enable row level security;
create policy function_results_select on public.function_results for select to authenticated
  using (user_id = (select auth.uid()));
create policy function_results_insert on public.function_results for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy function_results_update on public.function_results for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy function_results_delete on public.function_results for delete to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.function_results from anon;
grant select, insert, update, delete on public.function_results to authenticated;
grant all on public.function_results to service_role;

comment on table public.function_results is
  'Cached results of the in-cell AI functions, per user, kept 30 days (expires_at).';

-- Usage of the in-cell functions is metered under its own service type.
alter table public.usage_records drop constraint if exists usage_records_service_type_check;
alter table public.usage_records add constraint usage_records_service_type_check
  check (service_type in ('analysis', 'generation', 'explanation', 'function'));

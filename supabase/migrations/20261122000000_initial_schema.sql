-- Initial schema: every table of the app (docs/architecture.md, "Data model"), with row level
-- security on all of them.
-- Policies are per operation and for `authenticated` only; `anon` gets nothing. Tables that
-- only the server writes (usage, billing, audit) have no write policy: the server writes them
-- as `service_role`, which bypasses RLS. `(select auth.uid())` is evaluated once per query.


create or replace function public.touch_updated_at() returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- profiles ---------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text check (char_length(display_name) <= 100),
  preferred_model text check (char_length(preferred_model) <= 100),
  write_mode text not null default 'ask' check (write_mode in ('ask', 'auto', 'read_only')),
  pii_redaction boolean not null default false,
  retention_days integer not null default 90 check (retention_days between 1 and 3650),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger profiles_touch before update on public.profiles
  for each row execute function public.touch_updated_at();
alter table public.profiles enable row level security;
create policy profiles_select on public.profiles for select to authenticated
  using (id = (select auth.uid()));
create policy profiles_insert on public.profiles for insert to authenticated
  with check (id = (select auth.uid()));
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));
create policy profiles_delete on public.profiles for delete to authenticated
  using (id = (select auth.uid()));

-- One profile per auth user, created with the user (works the same on Supabase and locally).
create or replace function public.handle_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name)
  values (new.id, nullif(new.raw_user_meta_data ->> 'display_name', ''))
  on conflict (id) do nothing;
  return new;
end
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_user();

-- conversations ----------------------------------------------------------------------------
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null default 'New conversation' check (char_length(title) <= 200),
  workbook text check (char_length(workbook) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_user_updated_idx on public.conversations (user_id, updated_at desc);
create index conversations_workbook_idx on public.conversations (user_id, workbook);
create trigger conversations_touch before update on public.conversations
  for each row execute function public.touch_updated_at();
alter table public.conversations enable row level security;
create policy conversations_select on public.conversations for select to authenticated
  using (user_id = (select auth.uid()));
create policy conversations_insert on public.conversations for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy conversations_update on public.conversations for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy conversations_delete on public.conversations for delete to authenticated
  using (user_id = (select auth.uid()));

-- messages ---------------------------------------------------------------------------------
create table public.messages (
  id text primary key default gen_random_uuid()::text check (char_length(id) <= 100),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  role text not null check (role in ('user', 'assistant', 'system')),
  parts jsonb not null default '[]'::jsonb,
  context_summary jsonb,
  model text,
  provider text,
  input_tokens integer not null default 0,
  output_tokens integer not null default 0,
  latency_ms integer,
  cached boolean not null default false,
  status text not null default 'complete' check (status in ('complete', 'incomplete', 'error')),
  created_at timestamptz not null default now()
);
create index messages_conversation_idx on public.messages (conversation_id, created_at);
create index messages_user_created_idx on public.messages (user_id, created_at);
alter table public.messages enable row level security;
create policy messages_select on public.messages for select to authenticated
  using (user_id = (select auth.uid()));
create policy messages_insert on public.messages for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.conversations c
      where c.id = conversation_id and c.user_id = (select auth.uid())
    )
  );
create policy messages_update on public.messages for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy messages_delete on public.messages for delete to authenticated
  using (user_id = (select auth.uid()));

-- usage_records: users read their own; only the server writes ------------------------------
create table public.usage_records (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  service_type text not null check (service_type in ('analysis', 'generation', 'explanation')),
  prompt_tokens integer not null default 0 check (prompt_tokens >= 0),
  completion_tokens integer not null default 0 check (completion_tokens >= 0),
  cost_micros bigint not null default 0 check (cost_micros >= 0),
  model text not null,
  provider text not null,
  cached boolean not null default false,
  conversation_id uuid references public.conversations (id) on delete set null,
  created_at timestamptz not null default now()
);
create index usage_records_user_created_idx on public.usage_records (user_id, created_at);
alter table public.usage_records enable row level security;
create policy usage_records_select on public.usage_records for select to authenticated
  using (user_id = (select auth.uid()));

-- customers and subscriptions: Stripe state, written by the webhook only -------------------
create table public.customers (
  user_id uuid primary key references auth.users (id) on delete cascade,
  stripe_customer_id text not null unique,
  created_at timestamptz not null default now()
);
alter table public.customers enable row level security;
create policy customers_select on public.customers for select to authenticated
  using (user_id = (select auth.uid()));

create table public.subscriptions (
  id text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  stripe_customer_id text not null,
  status text not null,
  price_id text,
  plan text not null default 'free' check (plan in ('free', 'pro', 'team')),
  cancel_at_period_end boolean not null default false,
  current_period_start timestamptz,
  current_period_end timestamptz,
  trial_end timestamptz,
  canceled_at timestamptz,
  last_event_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index subscriptions_user_idx on public.subscriptions (user_id);
create trigger subscriptions_touch before update on public.subscriptions
  for each row execute function public.touch_updated_at();
alter table public.subscriptions enable row level security;
create policy subscriptions_select on public.subscriptions for select to authenticated
  using (user_id = (select auth.uid()));

-- stripe_events: processed event ids, for idempotency; server only -------------------------
create table public.stripe_events (
  id text primary key,
  type text not null,
  created_at timestamptz not null default now()
);
alter table public.stripe_events enable row level security;

-- api_keys: only a hash of the key is stored ------------------------------------------------
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  prefix text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_user_idx on public.api_keys (user_id, created_at desc);
alter table public.api_keys enable row level security;
create policy api_keys_select on public.api_keys for select to authenticated
  using (user_id = (select auth.uid()));
create policy api_keys_insert on public.api_keys for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy api_keys_update on public.api_keys for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy api_keys_delete on public.api_keys for delete to authenticated
  using (user_id = (select auth.uid()));

-- audit_log: security-relevant events; users read their own, only the server writes --------
create table public.audit_log (
  id bigint generated always as identity primary key,
  user_id uuid references auth.users (id) on delete cascade,
  action text not null,
  ip text,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_user_created_idx on public.audit_log (user_id, created_at desc);
alter table public.audit_log enable row level security;
create policy audit_log_select on public.audit_log for select to authenticated
  using (user_id = (select auth.uid()));

-- Privileges: RLS decides rows; these decide operations. anon gets nothing at all.
revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
grant select, insert, update, delete on public.profiles, public.conversations, public.messages,
  public.api_keys to authenticated;
grant select on public.usage_records, public.customers, public.subscriptions, public.audit_log
  to authenticated;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;

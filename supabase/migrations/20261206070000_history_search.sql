-- History search through an index.
--
-- Search finds a user's conversations whose title or any message text contains the query, case
-- insensitively (a substring, so words and parts of words alike), most recent activity first.
-- Trigram GIN indexes (pg_trgm) serve exactly that ILIKE; btree_gin lets the owner column sit in
-- the same index, so a search touches one user's entries only, however large the table grows.
--
-- The searchable text of a message is a stored generated column, maintained by the database on
-- every write by any path (the app, imports, SQL by hand).
--
-- Row-level security and indexes: as `authenticated`, the ILIKE operator is not leakproof, so
-- Postgres must apply the policy first and cannot use the index for it — every one of the user's
-- messages would be read. Search therefore runs in `public.search_conversation_ids`, a security
-- definer function that applies the same rule as the policies itself (rows whose owner is
-- auth.uid(), in one place: `readable`), so the planner can use the indexes. It returns ids only;
-- callers read the rows through the ordinary RLS-protected tables.

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists btree_gin with schema extensions;

-- The text parts of an AI SDK message, one per line: what a user can search for.
create or replace function public.message_search_text(parts jsonb)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select coalesce(string_agg(part->>'text', E'\n'), '')
  from jsonb_array_elements(case when jsonb_typeof(parts) = 'array' then parts else '[]'::jsonb end) as part
  where part->>'type' = 'text'
$$;

alter table public.messages
  add column search_text text generated always as (public.message_search_text(parts)) stored;

create index messages_user_search_idx on public.messages
  using gin (user_id, search_text extensions.gin_trgm_ops);
create index conversations_user_title_search_idx on public.conversations
  using gin (user_id, title extensions.gin_trgm_ops);

-- Reads of a conversation's messages run under RLS, so they also filter on the owner. With the
-- owner in the index they are answered from it alone (the message counts of the history list are
-- index-only scans); without it, Postgres combined the conversation index with the owner index
-- and read every one of a heavy user's index entries for each conversation listed.
create index messages_conversation_user_idx on public.messages (conversation_id, user_id, created_at);
drop index public.messages_conversation_idx;

-- Deleting a conversation sets the conversation of its usage records to null (the billing rows
-- stay). Without an index that is a scan of every usage record per conversation deleted: the
-- retention job, deleting thousands at a million messages, ran for minutes.
create index usage_records_conversation_idx on public.usage_records (conversation_id);

-- Ids of the caller's conversations whose title or message text contains `query` (case
-- insensitive, taken literally: % and _ are no wildcards). Nothing for anon or without a user.
create or replace function public.search_conversation_ids(query text)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  -- Whose rows the caller may read: the same rule as the select policies of conversations and
  -- messages. Widen it here (and only here) when others' conversations become readable.
  owner_ids uuid[] := array_remove(array[auth.uid()], null);
  pattern text := '%' || replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
  if query is null or query = '' or cardinality(owner_ids) = 0 then
    return;
  end if;
  if char_length(query) >= 3 then
    -- Trigram indexes: the owner and the text are looked up in the same index.
    return query
      select c.id from public.conversations c
      where c.user_id = any (owner_ids) and c.title ilike pattern
      union
      select m.conversation_id from public.messages m
      where m.user_id = any (owner_ids) and m.search_text ilike pattern;
  else
    -- Under three characters there is no trigram to look up: an index scan would read every
    -- user's entries, so read the owner's rows instead (the concatenation keeps the planner off
    -- the trigram index).
    return query
      select c.id from public.conversations c
      where c.user_id = any (owner_ids) and (c.title || '') ilike pattern
      union
      select m.conversation_id from public.messages m
      where m.user_id = any (owner_ids) and (m.search_text || '') ilike pattern;
  end if;
end
$$;

revoke all on function public.search_conversation_ids(text) from public;
revoke all on function public.search_conversation_ids(text) from anon;
grant execute on function public.search_conversation_ids(text) to authenticated;

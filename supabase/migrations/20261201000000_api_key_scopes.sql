-- API key scopes: what a key may do, chosen when it is created (chat, history, usage).
-- Everything else needs a signed-in session; the application's route guard enforces that.
-- Keys created before scopes existed keep what they could do for chatting and reading:
-- the column's default backfills them with all three.

alter table public.api_keys
  add column scopes text[] not null default array['chat', 'history', 'usage']::text[];

alter table public.api_keys
  add constraint api_keys_scopes_valid
  check (cardinality(scopes) between 1 and 3 and scopes <@ array['chat', 'history', 'usage']::text[]);

comment on column public.api_keys.scopes is
  'What the key may do: chat (chat routes), history (read conversations), usage (read usage).';

-- History search in a workspace.
--
-- A workspace's conversations are readable by all its members, so searching a workspace looks
-- at every member's conversations in it — after checking, here, that the caller is a member
-- (the same helper the policies use). Searching without a workspace keeps the owner rule.
-- The one-argument function is replaced, so there is one search path to reason about.

drop function if exists public.search_conversation_ids(text);

create or replace function public.search_conversation_ids(query text, workspace uuid default null)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me uuid := auth.uid();
  pattern text := '%' || replace(replace(replace(query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
  if query is null or query = '' or me is null then
    return;
  end if;
  if workspace is not null then
    if not public.is_workspace_member(workspace) then
      return;
    end if;
    -- A workspace's rows: the conversation index narrows to the workspace, the trigram index
    -- finds the text; the join keeps only this workspace's messages.
    return query
      select c.id from public.conversations c
      where c.workspace_id = workspace and c.title ilike pattern
      union
      select m.conversation_id from public.messages m
      join public.conversations c on c.id = m.conversation_id
      where c.workspace_id = workspace and m.search_text ilike pattern;
    -- RETURN QUERY adds rows and carries on: stop here, or the caller's own rows would follow.
    return;
  end if;
  if char_length(query) >= 3 then
    -- Trigram indexes: the owner and the text are looked up in the same index.
    return query
      select c.id from public.conversations c
      where c.user_id = me and c.title ilike pattern
      union
      select m.conversation_id from public.messages m
      where m.user_id = me and m.search_text ilike pattern;
  else
    -- Under three characters there is no trigram to look up: read the owner's rows instead (the
    -- concatenation keeps the planner off the trigram index).
    return query
      select c.id from public.conversations c
      where c.user_id = me and (c.title || '') ilike pattern
      union
      select m.conversation_id from public.messages m
      where m.user_id = me and (m.search_text || '') ilike pattern;
  end if;
end
$$;

revoke all on function public.search_conversation_ids(text, uuid) from public;
revoke all on function public.search_conversation_ids(text, uuid) from anon;
grant execute on function public.search_conversation_ids(text, uuid) to authenticated;

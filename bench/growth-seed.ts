// The stored history the growth benchmark measures against, written with set-based SQL into the
// app's own tables (so every trigger, generated column and index the migrations define is
// maintained as it would be for rows the app writes): one heavy user (an account signed up through the API) with 10,000
// conversations and the rest of a million messages spread over 999 other users, over the last 100 days, with
// a usage record per answer. Texts are built from a vocabulary of spreadsheet questions, so
// search has realistic matches (common words, rare words, numbers) rather than unique noise.

export interface GrowthSeedOptions {
  users: number;
  heavyConversations: number;
  heavyMessagesPerConversation: number;
  /** Messages of everyone but the heavy user. */
  otherMessages: number;
  otherConversations: number;
  /** Spread of created_at back from now. */
  days: number;
}

export const GROWTH_SEED: GrowthSeedOptions = {
  users: 1_000,
  heavyConversations: 10_000,
  heavyMessagesPerConversation: 10,
  otherMessages: 900_000,
  otherConversations: 45_000,
  days: 100,
};


const WORDS = [
  "revenue", "margin", "region", "north", "south", "quarter", "forecast", "budget", "invoice", "pivot",
  "formula", "vlookup", "average", "median", "growth", "headcount", "payroll", "inventory", "supplier", "churn",
];

/**
 * The SQL statements that seed the database, in order (each one statement, run as the owner).
 * `heavyUserId`: an existing user (signed up through the API, so the benchmark can act as them).
 */
export function growthSeedStatements(heavyUserId: string, options: GrowthSeedOptions = GROWTH_SEED): string[] {
  if (!/^[0-9a-f-]{36}$/i.test(heavyUserId)) throw new Error(`not a user id: ${heavyUserId}`);
  const words = `array[${WORDS.map((w) => `'${w}'`).join(",")}]`;
  const heavyMessages = options.heavyConversations * options.heavyMessagesPerConversation;
  // A text of three vocabulary words and a number, different for every i.
  const text = (i: string) =>
    `'What is the ' || (${words})[1 + (${i} % 20)] || ' by ' || (${words})[1 + ((${i} / 20) % 20)] || ' for ' || (${words})[1 + ((${i} / 400) % 20)] || ' in row ' || ${i}`;
  const answer = (i: string) =>
    `'The ' || (${words})[1 + ((${i} * 7) % 20)] || ' column totals ' || (${i} * 13 % 100000) || '; the ' || (${words})[1 + ((${i} * 11) % 20)] || ' trend is up ' || (${i} % 37) || '% against the ' || (${words})[1 + ((${i} * 3) % 20)] || '.'`;
  const parts = (body: string) => `jsonb_build_array(jsonb_build_object('type', 'text', 'text', ${body}))`;
  const ago = (fraction: string) => `now() - make_interval(secs => (${fraction}) * ${options.days} * 86400)`;
  return [
    // Profiles follow from the auth.users trigger.
    `insert into auth.users (id, email, encrypted_password, email_confirmed_at)
     select ('00000000-0000-4000-8000-' || lpad(to_hex(u), 12, '0'))::uuid, 'growth-' || u || '@example.test', 'x', now()
     from generate_series(1, ${options.users - 1}) as u`,
    // The heavy user's conversations: c = 0 .. heavyConversations-1, newest first.
    `insert into public.conversations (id, user_id, title, workbook, created_at, updated_at)
     select ('10000000-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid, '${heavyUserId}',
            'Heavy ' || (${words})[1 + (c % 20)] || ' ' || c, 'Book' || (c % 50) || '.xlsx',
            ${ago(`c::float8 / ${options.heavyConversations}`)}, ${ago(`c::float8 / ${options.heavyConversations}`)}
     from generate_series(0, ${options.heavyConversations - 1}) as c`,
    `insert into public.conversations (id, user_id, title, workbook, created_at, updated_at)
     select ('20000000-0000-4000-8000-' || lpad(to_hex(c), 12, '0'))::uuid,
            ('00000000-0000-4000-8000-' || lpad(to_hex(1 + c % ${options.users - 1}), 12, '0'))::uuid,
            'Chat about ' || (${words})[1 + (c % 20)] || ' ' || c, null,
            ${ago(`c::float8 / ${options.otherConversations}`)}, ${ago(`c::float8 / ${options.otherConversations}`)}
     from generate_series(0, ${options.otherConversations - 1}) as c`,
    // Messages alternate question / answer within a conversation, a minute apart.
    `insert into public.messages (id, conversation_id, user_id, role, parts, model, provider, input_tokens, output_tokens, created_at)
     select 'h' || i, ('10000000-0000-4000-8000-' || lpad(to_hex(i / ${options.heavyMessagesPerConversation}), 12, '0'))::uuid, '${heavyUserId}',
            case when i % 2 = 0 then 'user' else 'assistant' end,
            ${parts(`case when i % 2 = 0 then ${text("i")} else ${answer("i")} end`)},
            case when i % 2 = 1 then 'gpt-4o-mini' end, case when i % 2 = 1 then 'openai' end,
            case when i % 2 = 1 then 900 else 0 end, case when i % 2 = 1 then 120 else 0 end,
            ${ago(`(i / ${options.heavyMessagesPerConversation})::float8 / ${options.heavyConversations}`)} + make_interval(mins => i % ${options.heavyMessagesPerConversation})
     from generate_series(0, ${heavyMessages - 1}) as i`,
    `insert into public.messages (id, conversation_id, user_id, role, parts, model, provider, input_tokens, output_tokens, created_at)
     select 'o' || i, ('20000000-0000-4000-8000-' || lpad(to_hex(i % ${options.otherConversations}), 12, '0'))::uuid,
            ('00000000-0000-4000-8000-' || lpad(to_hex(1 + (i % ${options.otherConversations}) % ${options.users - 1}), 12, '0'))::uuid,
            case when (i / ${options.otherConversations}) % 2 = 0 then 'user' else 'assistant' end,
            ${parts(`case when (i / ${options.otherConversations}) % 2 = 0 then ${text("i")} else ${answer("i")} end`)},
            null, null, 0, 0,
            ${ago(`(i % ${options.otherConversations})::float8 / ${options.otherConversations}`)} + make_interval(mins => i / ${options.otherConversations})
     from generate_series(0, ${options.otherMessages - 1}) as i`,
    `insert into public.usage_records (user_id, service_type, prompt_tokens, completion_tokens, cost_micros, model, provider, cached, conversation_id, created_at)
     select user_id, 'generation', 900, 120, 207, 'gpt-4o-mini', 'openai', false, conversation_id, created_at
     from public.messages where role = 'assistant'`,
    "analyze",
  ];
}

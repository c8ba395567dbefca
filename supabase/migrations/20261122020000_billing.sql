-- Billing through Stripe. The initial schema already has customers, subscriptions and
-- stripe_events; this adds what the webhook and the billing page need on top of it.

-- Recent Stripe API versions cancel through `cancel_at` (a date) as well as
-- `cancel_at_period_end`; the billing page shows whichever is set.
alter table public.subscriptions add column cancel_at timestamptz;

-- getUserPlan runs on every chat: one index-only probe for the user's entitling subscriptions.
create index subscriptions_user_entitled_idx on public.subscriptions (user_id, plan)
  where status in ('trialing', 'active');

-- A row here means the event's effect is committed: the webhook inserts it in the same
-- transaction as the effect, so a failed processing leaves no row and Stripe's retry runs again.
comment on table public.stripe_events is
  'Stripe event ids whose effect has been committed; inserted in the same transaction as the effect.';

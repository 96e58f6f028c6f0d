-- Subscriptions (README, "Delivery"): a clip's new snapshots delivered by email, Slack or webhook when a condition
-- holds. Slack and webhook URLs and webhook secrets are stored AES-GCM encrypted (never shown again); target_host is
-- what pages and the API show of the URL. parameters: the values the subscription fires for (JSON, name to text as the
-- API shows them), null for the clip's declared defaults. link_base: the app's address when it was made, for links
-- when DATACLIPS_BASE_URL is unset. paused: why it sends nothing now (its creator or the clip's owner lost access).
create table subscriptions (
  id               bigint generated always as identity primary key,
  clip_id          bigint       not null references clips (id) on delete cascade,
  channel          varchar(8)   not null check (channel in ('email', 'slack', 'webhook')),
  attach           varchar(4)   check (attach in ('csv', 'xlsx', 'none')),
  target           bytea,
  target_host      varchar(300),
  secret           bytea,
  fires_when       varchar(10)  not null check (fires_when in ('always', 'changed', 'rows', 'condition')),
  condition_column varchar(200),
  condition_op     varchar(2),
  condition_value  varchar(1000),
  parameters       text,
  link_base        varchar(300) not null,
  created_by       bigint references users (id) on delete set null,
  created_at       timestamp with time zone not null default current_timestamp,
  paused           varchar(500)
);
create index subscriptions_clip on subscriptions (clip_id);

-- An email subscription's recipients, one address a row: unsubscribing removes one row.
create table subscription_recipients (
  id              bigint generated always as identity primary key,
  subscription_id bigint       not null references subscriptions (id) on delete cascade,
  address         varchar(320) not null,
  unique (subscription_id, address)
);

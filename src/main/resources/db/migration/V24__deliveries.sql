-- The delivery log and queue (README, "Delivery"): one row per snapshot, subscription and recipient (an email
-- address; '' for Slack, webhooks and a subscription skipped whole). delivery_key is the X-Dataclips-Delivery id,
-- the same on every try. The log outlives a deleted subscription or snapshot (their ids are kept).
create table deliveries (
  id              bigint generated always as identity primary key,
  delivery_key    uuid         not null unique,
  clip_id         bigint       not null references clips (id) on delete cascade,
  subscription_id bigint       references subscriptions (id) on delete set null,
  snapshot_id     bigint       not null,
  recipient       varchar(320) not null default '',
  cause           varchar(10)  not null check (cause in ('snapshot', 'scheduled', 'test')),
  status          varchar(8)   not null check (status in ('queued', 'sending', 'sent', 'retrying', 'failed', 'skipped')),
  attempts        integer      not null default 0,
  error           varchar(1000),
  changes_added   bigint,
  changes_removed bigint,
  created_at      timestamp with time zone not null default current_timestamp,
  updated_at      timestamp with time zone not null default current_timestamp,
  next_attempt_at timestamp with time zone
);
create index deliveries_clip on deliveries (clip_id, id desc);
-- Once per snapshot, subscription and recipient, whatever instance fans a snapshot out and however often.
create unique index deliveries_once on deliveries (subscription_id, snapshot_id, recipient) where cause <> 'test';

-- The delivery queue's executions: db-scheduler's table (its PostgreSQL definition for 16.12.0, as V5's
-- scheduled_tasks) under its own name, polled by the delivery scheduler alone. 'delivery-fanout' (instance
-- "<clip id>:<snapshot id>") turns a new snapshot into deliveries; 'delivery-send' (instance: a delivery's id) sends one.
/* [jooq ignore start] */
create table delivery_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone not null,
  picked BOOLEAN not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures INT,
  last_heartbeat timestamp with time zone,
  version BIGINT not null,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX delivery_tasks_execution_time_idx ON delivery_tasks (execution_time);
CREATE INDEX delivery_tasks_last_heartbeat_idx ON delivery_tasks (last_heartbeat);
CREATE INDEX delivery_tasks_priority_execution_time_idx on delivery_tasks (priority desc, execution_time asc);

-- A snapshot (taken by hand or by a schedule) of a clip with subscriptions is queued for delivery in the transaction
-- that completes it: no snapshot is lost to an instance stopping between the two. Live results never deliver.
create function results_queue_delivery() returns trigger language plpgsql as $$
begin
  if new.state = 'complete' and old.state <> 'complete' and new.kind in ('snapshot', 'scheduled')
     and exists (select 1 from subscriptions where clip_id = new.clip_id) then
    insert into delivery_tasks (task_name, task_instance, execution_time, picked, version)
      values ('delivery-fanout', new.clip_id || ':' || new.id, current_timestamp, false, 1)
      on conflict do nothing;
  end if;
  return new;
end $$;
create trigger results_queue_delivery after update of state on results
  for each row execute function results_queue_delivery();
/* [jooq ignore stop] */

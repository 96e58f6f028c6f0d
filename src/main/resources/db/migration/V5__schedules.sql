-- db-scheduler's own table, exactly as its PostgreSQL definition for version 16.12.0 (db-scheduler's
-- postgresql_tables.sql): one row per scheduled execution. Which instance runs a due row is decided here,
-- by an optimistic version check on the row, so a due time runs once however many instances poll.
-- The app reaches it only through db-scheduler, so jOOQ's code generation skips it (its H2-based DDL
-- reader cannot index text columns).
/* [jooq ignore start] */
create table scheduled_tasks (
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

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
/* [jooq ignore stop] */

-- A clip's snapshot schedule, as its owner chose it: hourly at a minute, daily at a time, weekly on a
-- weekday at a time, monthly on a day (1-28, or -1 for the month's last day) at a time, or a cron
-- expression (five fields), in a time zone. "follow" makes the clip's URLs serve the newest scheduled
-- snapshot. Its one pending execution is the scheduled_tasks row ('clip-snapshot', clip id).
create table clip_schedules (
  clip_id     bigint      primary key references clips (id) on delete cascade,
  every       varchar(8)  not null check (every in ('hourly', 'daily', 'weekly', 'monthly', 'cron')),
  minute      smallint    check (minute between 0 and 59),
  hour        smallint    check (hour between 0 and 23),
  weekday     smallint    check (weekday between 1 and 7), -- ISO: 1 = Monday
  month_day   smallint    check (month_day between 1 and 28 or month_day = -1),
  cron        varchar(200),
  zone        varchar(64) not null default 'UTC',
  follow      boolean     not null default false,
  created_by  bigint references users (id) on delete set null,
  updated_at  timestamp with time zone not null default current_timestamp
);

-- Deleting a schedule (or its clip, which cascades here) removes its pending execution in the same
-- transaction, so no instance runs a snapshot for a schedule that is gone.
/* [jooq ignore start] */
create function clip_schedules_cancel() returns trigger language plpgsql as $$
begin
  delete from scheduled_tasks where task_name = 'clip-snapshot' and task_instance = old.clip_id::text;
  return old;
end $$;
create trigger clip_schedules_cancel after delete on clip_schedules
  for each row execute function clip_schedules_cancel();
/* [jooq ignore stop] */

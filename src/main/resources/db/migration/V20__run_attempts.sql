-- The attempts of a run that did not serve it (README, "Followers and long clips"): a follower that gave no
-- connection, refused the run or dropped its connection before the first row, and recovery conflicts (the follower
-- cancelled the query to replay the primary's changes: before the first row the run was tried again, after it the
-- conflict ended the run). The run's own row says how it ended; the one try that served it has no row here.
create table run_attempts (
  run_id      bigint       not null references runs (id) on delete cascade,
  attempt     integer      not null,
  follower_id bigint       references followers (id) on delete set null,
  follower    varchar(300) not null,
  outcome     varchar(20)  not null
              check (outcome in ('recovery_conflict', 'connection_lost', 'no_connection', 'refused')),
  sql_state   varchar(5),
  message     text         not null,
  at          timestamp with time zone not null default current_timestamp,
  primary key (run_id, attempt)
);
-- Each follower's recent conflicts, counted for the Databases page and GET /api/v1/sources/{name}.
create index run_attempts_conflicts on run_attempts (follower_id, at) where outcome = 'recovery_conflict';

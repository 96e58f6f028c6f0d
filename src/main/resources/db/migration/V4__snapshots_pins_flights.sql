-- What a stored result is for: "live" (a run of the clip's "now", kept per the retention setting),
-- "snapshot" (taken by a user, kept until deleted) or "scheduled" (taken by the clip's schedule, also kept).
alter table results add column kind varchar(10) not null default 'live'
  check (kind in ('live', 'snapshot', 'scheduled'));
alter table results add column label varchar(200);
-- A live run other viewers may join while it is written (single flight). At most one per clip version is
-- being written at a time, across every app instance: the second viewer follows the first one's run.
alter table results add column shared boolean not null default false;
create unique index results_one_flight on results (clip_id, clip_version) where state = 'writing' and shared;
-- The app instance writing the result. An instance holds an advisory lock on its number for as long as it
-- lives, so a 'writing' result whose instance holds no lock is a leftover of a killed app, and is removed.
alter table results add column writer_instance bigint;
create sequence app_instances;
-- Set once the run's columns and "as of" are known: followers of a flight wait for it before their first byte.
alter table results add column begun_at timestamp with time zone;
create index results_clip_kind on results (clip_id, kind, started_at desc) where state = 'complete';

-- A pinned clip serves this stored result (a snapshot) at its URLs, unchanged, until it is unpinned.
alter table clips add column pinned_result_id bigint references results (id);

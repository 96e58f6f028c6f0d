-- Clips: a titled SQL query on a source, reachable at /clips/<slug>. The slug is the secret of a link:
-- rotating it replaces the value, so every old URL stops resolving.
create table clips (
  id              bigint generated always as identity primary key,
  slug            varchar(64)  not null unique,
  title           varchar(200) not null,
  description     text         not null default '',
  source_id       bigint       not null references sources (id),
  owner_id        bigint       not null references users (id),
  access          varchar(10)  not null default 'link' check (access in ('link', 'private')),
  max_age_seconds integer      not null default 60 check (max_age_seconds >= 0),
  version         integer      not null default 1,
  created_at      timestamp with time zone not null default current_timestamp,
  updated_at      timestamp with time zone not null default current_timestamp
);
create index clips_created_at on clips (created_at desc);

-- Every SQL a clip has had: version 1 on creation, one more per change of the SQL.
create table clip_versions (
  clip_id    bigint  not null references clips (id) on delete cascade,
  version    integer not null,
  sql        text    not null,
  author_id  bigint references users (id) on delete set null,
  created_at timestamp with time zone not null default current_timestamp,
  primary key (clip_id, version)
);

-- The audit log: one row per run, written when it starts and completed when it ends. It outlives the
-- clip (clip_id is set null, the title kept) so admins can still read what ran.
create table runs (
  id            bigint generated always as identity primary key,
  clip_id       bigint references clips (id) on delete set null,
  clip_title    varchar(200) not null,
  version       integer      not null,
  viewer_id     bigint references users (id) on delete set null,
  via           varchar(20)  not null,
  follower_id   bigint references followers (id) on delete set null,
  follower      varchar(300),
  status        varchar(12)  not null check (status in ('running', 'ok', 'error', 'cancelled')),
  started_at    timestamp with time zone not null default current_timestamp,
  duration_ms   bigint,
  row_count     bigint,
  byte_count    bigint,
  error         text
);
create index runs_clip on runs (clip_id, started_at desc);
create index runs_started_at on runs (started_at desc);

-- Stored results (DESIGN.md decision 5): every complete run of a clip, written chunk by chunk as it
-- streams, so no result is ever held whole in memory. A result is invisible until its state is
-- 'complete'; one cut off by an error, a cancel or a killed app never becomes visible.
create table results (
  id            bigint generated always as identity primary key,
  clip_id       bigint       not null references clips (id) on delete cascade,
  clip_version  integer      not null,
  run_id        bigint references runs (id) on delete set null,
  state         varchar(10)  not null default 'writing' check (state in ('writing', 'complete')),
  title         varchar(200) not null,
  columns       text         not null, -- JSON: [{"name": …, "type": …}], names exactly as the query gave them
  as_of         timestamp with time zone,
  follower      varchar(300),
  lag_seconds   double precision,
  made_by       varchar(320) not null, -- a user's email, or "link" for an anonymous viewer
  started_at    timestamp with time zone not null default current_timestamp,
  completed_at  timestamp with time zone,
  duration_ms   bigint,
  row_count     bigint,
  truncated     boolean,
  chunk_count   integer,
  byte_size     bigint,      -- compressed bytes stored
  checksum      varchar(64)  -- SHA-256 over the header and every chunk's digest, in order
);
create index results_clip_started on results (clip_id, started_at desc);

-- Rows of a result in order: each chunk holds whole rows (about 1 MiB before compression), deflated,
-- with the SHA-256 of the stored bytes so a damaged chunk is refused before any of its rows is served.
create table result_chunks (
  result_id  bigint  not null references results (id) on delete cascade,
  seq        integer not null,
  data       bytea   not null,
  sha256     bytea   not null,
  primary key (result_id, seq)
);

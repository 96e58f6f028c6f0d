-- The lifecycle of a clip's shared link. link_expires_at: after it, anonymous requests to the clip's URLs
-- answer 404 like a wrong slug (signed-in users still open it); null = the link never expires.
-- link_opened_at: the newest anonymous request to the page or a download (kept when the log is pruned).
alter table clips add column link_expires_at timestamp with time zone;
alter table clips add column link_opened_at timestamp with time zone;

-- One row per anonymous GET of a clip's page or downloads (snapshots included). client is a keyed hash of
-- the address (HMAC-SHA256 under a key derived from DATACLIPS_SECRET_KEY, 16 hex characters), never the
-- address itself. Kept 90 days and at most the newest 10,000 rows per clip (pruned hourly).
create table clip_access_log (
  id          bigint generated always as identity primary key,
  clip_id     bigint       not null references clips (id) on delete cascade,
  at          timestamp with time zone not null,
  format      varchar(8)   not null,
  snapshot_id bigint,
  client      varchar(32)  not null,
  user_agent  varchar(300)
);
create index clip_access_log_newest on clip_access_log (clip_id, id desc);
create index clip_access_log_at on clip_access_log (at);

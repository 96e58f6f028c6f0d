-- The audit of who may do what: every change of teams, team members, database levels, clip members, clip owners,
-- user roles and activity, with who made it (their email kept when the account goes), when, and the details as JSON.
-- Admins read it on the Access changes page and at GET /api/v1/access-changes.
create table access_changes (
  id       bigint generated always as identity primary key,
  at       timestamp with time zone not null default current_timestamp,
  actor_id bigint references users (id) on delete set null,
  actor    varchar(320) not null,
  action   varchar(40)  not null,
  subject  varchar(400) not null,
  details  text         not null default '{}'
);

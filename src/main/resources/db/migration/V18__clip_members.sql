-- Clip access gains "restricted": its owner, admins and its members only. The check constraint is PostgreSQL's
-- name for V2's inline check; jOOQ's code generator has nothing to generate for it.
/* [jooq ignore start] */
alter table clips drop constraint clips_access_check;
alter table clips add constraint clips_access_check check (access in ('link', 'private', 'restricted'));
/* [jooq ignore stop] */

-- A clip's members: users or teams, each with view (results) or edit (SQL, parameters, chart, schedule, sharing;
-- with query on the database at request time). Deleting the clip, the user or the team removes the row.
create table clip_members (
  id       bigint generated always as identity primary key,
  clip_id  bigint     not null references clips (id) on delete cascade,
  user_id  bigint     references users (id) on delete cascade,
  team_id  bigint     references teams (id) on delete cascade,
  role     varchar(4) not null check (role in ('view', 'edit')),
  check ((user_id is null and team_id is not null) or (user_id is not null and team_id is null)),
  unique (clip_id, user_id),
  unique (clip_id, team_id)
);
create index clip_members_user on clip_members (user_id);
create index clip_members_team on clip_members (team_id);

-- Teams and access (issue 29). A deactivated user signs in no more: deactivating deletes their sessions and API
-- tokens in the same transaction, and every lookup of a session or token also asks for an active user. Their clips
-- stay (an admin hands them over).
alter table users add column active boolean not null default true;

-- People belong to teams (any number each). A team that names an identity provider group (idp_group) has its
-- members set by single sign-on alone.
create table teams (
  id         bigint generated always as identity primary key,
  name       varchar(63)  not null unique,
  idp_group  varchar(200) unique,
  created_at timestamp with time zone not null default current_timestamp
);

create table team_members (
  team_id  bigint not null references teams (id) on delete cascade,
  user_id  bigint not null references users (id) on delete cascade,
  added_at timestamp with time zone not null default current_timestamp,
  primary key (team_id, user_id)
);
create index team_members_user on team_members (user_id);

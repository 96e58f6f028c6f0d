-- What each registered database grants (README, "Teams and access"): every signed-in user ("everyone") a level, and
-- each team a level of its own; a user holds the highest of everyone's and their teams'. query: write SQL on it;
-- view: open its private clips' results; none: nothing but what is shared by name or by link. A team's none is no
-- row. Existing databases start with everyone = query, what every signed-in user could do before: nobody gains or
-- loses anything by upgrading.
alter table sources add column everyone_level varchar(5) not null default 'query'
  check (everyone_level in ('query', 'view', 'none'));

create table source_team_levels (
  source_id  bigint     not null references sources (id) on delete cascade,
  team_id    bigint     not null references teams (id) on delete cascade,
  team_level varchar(5) not null check (team_level in ('query', 'view')),
  primary key (source_id, team_id)
);
create index source_team_levels_team on source_team_levels (team_id);

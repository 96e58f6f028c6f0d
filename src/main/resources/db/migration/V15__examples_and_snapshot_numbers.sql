-- Example clips (README, "The embedded default"): the first embedded start makes three on the sample database,
-- owned by the first admin and marked as examples (the clip list shows a badge). They are made once per
-- installation and never again, not after an admin deletes them: examples_made says whether they were. An
-- installation that had users before this migration counts as made, so upgrading adds no clips.
alter table clips add column example boolean not null default false;
create table installation (
  examples_made boolean not null
);
/* [jooq ignore start] */
insert into installation (examples_made) select exists (select 1 from users);
/* [jooq ignore stop] */

-- Snapshots are numbered per clip for people ("Snapshot 1" is a clip's first); URLs keep the id. A number is given
-- when the snapshot is complete, from the clip's counter (its row lock orders two snapshots completing at once),
-- and never reused: deleting snapshot 2 leaves 1 and 3.
alter table results add column number integer;
alter table clips add column snapshots_numbered integer not null default 0;
/* [jooq ignore start] */
update results r set number = n.number
from (select id, row_number() over (partition by clip_id order by started_at, id) as number
      from results where kind in ('snapshot', 'scheduled') and state = 'complete') n
where r.id = n.id;
update clips c set snapshots_numbered = coalesce((select max(r.number) from results r where r.clip_id = c.id), 0);
/* [jooq ignore stop] */
create unique index results_clip_number on results (clip_id, number);

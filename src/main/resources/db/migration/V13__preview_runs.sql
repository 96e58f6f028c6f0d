-- Draft runs from the editor (issue 17) are audited like clip runs: a runs row with via 'preview', no clip, and the
-- SQL that ran (a clip's run is known by its clip and version; a preview's SQL is saved nowhere else).
alter table runs add column sql text;

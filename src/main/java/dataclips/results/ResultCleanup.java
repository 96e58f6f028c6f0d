package dataclips.results;

import static dataclips.db.Tables.RESULTS;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Removes what no one will serve: results left 'writing' by an instance that died (found by its lease, so
 * it is safe with several instances), and live results beyond the retention setting. Snapshots stay until
 * a user deletes them.
 */
final class ResultCleanup {
    private final DSLContext db;

    /**
     * Live results kept: the newest {@code newest} of each clip and value set (each set is its own "live"), and
     * every one younger than {@code days} days.
     */
    record Retention(int newest, int days) {}

    ResultCleanup(DSLContext db) {
        this.db = db;
    }

    /** Deletes results whose writer is gone; their chunks go with them. Answers how many. */
    int sweepLeftovers() {
        return db.deleteFrom(RESULTS).where(RESULTS.STATE.eq("writing"))
                .and(RESULTS.WRITER_INSTANCE.isNull().or(DSL.not(DSL.condition(InstanceLease.WRITER_ALIVE))))
                .execute();
    }

    /**
     * Deletes the clip's live results of every value set but the {@code others} most recently run ones and
     * {@code keeping}; answers how many. Pinned results stay.
     */
    int keepNewestSets(long clipId, String keeping, int others) {
        return db.execute("""
                delete from results r
                where r.clip_id = ? and r.kind = 'live' and r.state = 'complete' and r.parameter_set <> ?
                  and r.parameter_set not in (
                    select parameter_set from results
                    where clip_id = ? and kind = 'live' and state = 'complete' and parameter_set <> ?
                    group by parameter_set order by max(started_at) desc limit ?)
                  and not exists (select 1 from clips c where c.pinned_result_id = r.id)""",
                clipId, keeping, clipId, keeping, Math.max(0, others));
    }

    /** Deletes live results outside the retention; answers how many. */
    int applyRetention(Retention keep) {
        return db.execute("""
                delete from results r using (
                  select id, started_at, row_number() over (partition by clip_id, parameter_set
                                                            order by started_at desc, id desc) as rank
                  from results where kind = 'live' and state = 'complete') k
                where r.id = k.id and k.rank > ? and k.started_at < current_timestamp - make_interval(days => ?)
                  and not exists (select 1 from clips c where c.pinned_result_id = r.id)""", keep.newest(), keep.days());
    }
}

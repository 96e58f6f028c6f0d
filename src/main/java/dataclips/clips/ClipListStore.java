package dataclips.clips;

import static dataclips.db.Tables.CLIPS;
import static dataclips.db.Tables.CLIP_VERSIONS;
import static dataclips.db.Tables.RUNS;
import static dataclips.db.Tables.USERS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * The clip list's one query: search, order and page, with each clip's latest run and the number of matches read in
 * the same statement (a max over the runs_clip index per clip, not a query per row).
 */
final class ClipListStore {
    /** The start of the clip's latest run, null if it never ran: the audit log (runs) records every run. */
    private static final Field<OffsetDateTime> LAST_RUN = DSL.field(DSL.select(DSL.max(RUNS.STARTED_AT)).from(RUNS)
            .where(RUNS.CLIP_ID.eq(CLIPS.ID))).as("last_run_at");
    /** All matching clips, whatever the page: a window over the filtered rows, computed before limit and offset. */
    private static final Field<Integer> TOTAL = DSL.count().over().as("total_count");
    private final ClipStore store;
    private final DSLContext db;

    ClipListStore(ClipStore store, DSLContext db) {
        this.store = store;
        this.db = db;
    }

    ClipListing find(ClipQuery query, Instant now) {
        Condition where = query.scope().listed().and(owner(query)).and(matches(query.text(), query.scope().sqlSearchable()));
        List<Record> rows = store.select(LAST_RUN, TOTAL).where(where).orderBy(order(query.sort()))
                .limit(query.pageSize()).offset(query.offset()).fetch();
        List<ClipListing.Item> items = rows.stream().map(r -> item(r, now)).toList();
        // A page past the end has no row to carry the total: only then is it counted apart.
        long total = !rows.isEmpty() ? rows.get(0).get(TOTAL)
                : query.page() == 1 ? 0 : db.fetchCount(store.select().where(where));
        return new ClipListing(items, total, query, now);
    }

    private static ClipListing.Item item(Record r, Instant now) {
        Clip clip = ClipStore.toClip(r);
        return new ClipListing.Item(clip, r.get(LAST_RUN), clip.linkExpired(now), r.get(CLIPS.EXAMPLE));
    }

    private static Condition owner(ClipQuery query) {
        return query.owner().map(CLIPS.OWNER_ID::eq).orElse(DSL.noCondition());
    }

    /**
     * The text anywhere in the title, the current version's SQL (where sqlSearchable: a caller who may not see the SQL
     * must not learn what is in it by searching) or the owner's email, any case, wildcards literal.
     */
    private static Condition matches(String text, Condition sqlSearchable) {
        if (text.isEmpty()) {
            return DSL.noCondition();
        }
        String pattern = "%" + escapeLike(text) + "%";
        return CLIPS.TITLE.likeIgnoreCase(pattern, '\\').or(sqlSearchable.and(CLIP_VERSIONS.SQL.likeIgnoreCase(pattern, '\\')))
                .or(USERS.EMAIL.likeIgnoreCase(pattern, '\\'));
    }

    /** LIKE's own characters (%, _ and the escape itself) made plain, so a search for "50%" finds "50%" only. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static SortField<?>[] order(ClipQuery.Sort sort) {
        SortField<Long> byId = CLIPS.ID.desc();
        return switch (sort) {
            case UPDATED -> new SortField<?>[] {CLIPS.UPDATED_AT.desc(), byId};
            case CREATED -> new SortField<?>[] {CLIPS.CREATED_AT.desc(), byId};
            case LAST_RUN -> new SortField<?>[] {DSL.field(DSL.name(LAST_RUN.getName())).desc().nullsLast(), byId};
        };
    }
}

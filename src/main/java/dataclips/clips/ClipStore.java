package dataclips.clips;

import dataclips.parameters.Parameters;
import static dataclips.db.Tables.CLIPS;
import static dataclips.db.Tables.CLIP_SCHEDULES;
import static dataclips.db.Tables.CLIP_VERSIONS;
import static dataclips.db.Tables.SOURCES;
import static dataclips.db.Tables.USERS;

import dataclips.accounts.AccessAudit;
import dataclips.accounts.User;
import dataclips.export.chart.ChartSpec;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** Clips and their versions in the metadata database. */
final class ClipStore {
    private final DSLContext db;

    ClipStore(DSLContext db) {
        this.db = db;
    }

    /** The clip and its version 1 in one transaction. */
    long insert(String slug, String title, String description, long sourceId, long ownerId, String sql,
                String parameters, String chart) {
        return db.transactionResult(tx -> {
            long id = tx.dsl().insertInto(CLIPS)
                    .set(CLIPS.SLUG, slug).set(CLIPS.TITLE, title).set(CLIPS.DESCRIPTION, description)
                    .set(CLIPS.SOURCE_ID, sourceId).set(CLIPS.OWNER_ID, ownerId).set(CLIPS.VERSION, 1)
                    .returning(CLIPS.ID).fetchOne().getId();
            tx.dsl().insertInto(CLIP_VERSIONS).set(CLIP_VERSIONS.CLIP_ID, id).set(CLIP_VERSIONS.VERSION, 1)
                    .set(CLIP_VERSIONS.SQL, sql).set(CLIP_VERSIONS.PARAMETERS, parameters)
                    .set(CLIP_VERSIONS.CHART, chart).set(CLIP_VERSIONS.QUERY_VERSION, 1)
                    .set(CLIP_VERSIONS.AUTHOR_ID, ownerId).execute();
            return id;
        });
    }

    Optional<Clip> bySlug(String slug) {
        return select().where(CLIPS.SLUG.eq(slug)).fetchOptional(ClipStore::toClip);
    }

    Optional<Clip> byId(long id) {
        return select().where(CLIPS.ID.eq(id)).fetchOptional(ClipStore::toClip);
    }

    void updateDetails(long id, String title, String description, long sourceId, int maxAgeSeconds) {
        db.update(CLIPS).set(CLIPS.TITLE, title).set(CLIPS.DESCRIPTION, description).set(CLIPS.SOURCE_ID, sourceId)
                .set(CLIPS.MAX_AGE_SECONDS, maxAgeSeconds).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(CLIPS.ID.eq(id)).execute();
    }

    /**
     * Adds the next version with new SQL or parameters (and the chart setting it keeps); the row lock on the clip
     * keeps two concurrent edits from taking one number.
     */
    int addVersion(long id, String sql, String parameters, String chart, long authorId) {
        return db.transactionResult(tx -> {
            int next = nextVersion(tx.dsl(), id);
            tx.dsl().insertInto(CLIP_VERSIONS).set(CLIP_VERSIONS.CLIP_ID, id).set(CLIP_VERSIONS.VERSION, next)
                    .set(CLIP_VERSIONS.SQL, sql).set(CLIP_VERSIONS.PARAMETERS, parameters)
                    .set(CLIP_VERSIONS.CHART, chart).set(CLIP_VERSIONS.QUERY_VERSION, next)
                    .set(CLIP_VERSIONS.AUTHOR_ID, authorId).execute();
            return next;
        });
    }

    /**
     * Adds the next version with a new chart setting and the SQL, parameters and query version of the current
     * one, copied in the database under the same row lock, so a concurrent SQL edit is never undone.
     */
    int addChartVersion(long id, String chart, long authorId) {
        return db.transactionResult(tx -> {
            int next = nextVersion(tx.dsl(), id);
            tx.dsl().insertInto(CLIP_VERSIONS, CLIP_VERSIONS.CLIP_ID, CLIP_VERSIONS.VERSION, CLIP_VERSIONS.SQL,
                            CLIP_VERSIONS.PARAMETERS, CLIP_VERSIONS.CHART, CLIP_VERSIONS.QUERY_VERSION,
                            CLIP_VERSIONS.AUTHOR_ID)
                    .select(DSL.select(CLIP_VERSIONS.CLIP_ID, DSL.val(next), CLIP_VERSIONS.SQL, CLIP_VERSIONS.PARAMETERS,
                                    DSL.val(chart), CLIP_VERSIONS.QUERY_VERSION, DSL.val(authorId))
                            .from(CLIP_VERSIONS)
                            .where(CLIP_VERSIONS.CLIP_ID.eq(id).and(CLIP_VERSIONS.VERSION.eq(next - 1))))
                    .execute();
            return next;
        });
    }

    private static int nextVersion(DSLContext tx, long id) {
        return tx.update(CLIPS).set(CLIPS.VERSION, CLIPS.VERSION.plus(1)).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(CLIPS.ID.eq(id)).returning(CLIPS.VERSION).fetchOne().getVersion();
    }

    List<ClipVersion> versions(long id) {
        return versionQuery().where(CLIP_VERSIONS.CLIP_ID.eq(id)).orderBy(CLIP_VERSIONS.VERSION.desc())
                .fetch(ClipStore::toVersion);
    }

    Optional<ClipVersion> version(long id, int version) {
        return versionQuery().where(CLIP_VERSIONS.CLIP_ID.eq(id).and(CLIP_VERSIONS.VERSION.eq(version)))
                .fetchOptional(ClipStore::toVersion);
    }

    /**
     * The new access and its audit entry, in one transaction; the row lock makes "from" the value it replaced even
     * when two changes meet. Setting the access it has changes nothing.
     */
    void setAccess(Clip clip, Access access, User actor) {
        db.transaction(tx -> {
            String from = tx.dsl().select(CLIPS.ACCESS).from(CLIPS).where(CLIPS.ID.eq(clip.id())).forUpdate()
                    .fetchOne(CLIPS.ACCESS);
            if (from == null || from.equals(access.wire())) {
                return;
            }
            tx.dsl().update(CLIPS).set(CLIPS.ACCESS, access.wire()).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(CLIPS.ID.eq(clip.id())).execute();
            AccessAudit.record(tx.dsl(), actor, "clip_sharing_set", subject(clip), Map.of("from", from, "to", access.wire()));
        });
    }

    /** The link's new expiry (null: none) and its audit entry, as {@link #setAccess}; the same expiry changes nothing. */
    void setLinkExpiry(Clip clip, OffsetDateTime expiresAt, User actor) {
        db.transaction(tx -> {
            var row = tx.dsl().select(CLIPS.LINK_EXPIRES_AT).from(CLIPS).where(CLIPS.ID.eq(clip.id())).forUpdate()
                    .fetchOne();
            if (row == null || expiry(row.value1()).equals(expiry(expiresAt))) {
                return;
            }
            tx.dsl().update(CLIPS).set(CLIPS.LINK_EXPIRES_AT, expiresAt)
                    .set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime()).where(CLIPS.ID.eq(clip.id())).execute();
            AccessAudit.record(tx.dsl(), actor, "clip_link_expiry_set", subject(clip),
                    Map.of("from", expiry(row.value1()), "to", expiry(expiresAt)));
        });
    }

    /**
     * The new slug and its audit entry, in one transaction: whoever held the old link no longer opens the clip. The
     * slugs themselves stay out of the entry (a link is the secret it protects).
     */
    void setSlug(Clip clip, String slug, User actor) {
        db.transaction(tx -> {
            tx.dsl().update(CLIPS).set(CLIPS.SLUG, slug).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(CLIPS.ID.eq(clip.id())).execute();
            AccessAudit.record(tx.dsl(), actor, "clip_link_rotated", subject(clip), Map.of());
        });
    }

    private static String expiry(OffsetDateTime at) {
        return at == null ? "none" : at.toInstant().toString();
    }

    private static String subject(Clip clip) {
        return "clip " + clip.title() + " (id " + clip.id() + ")";
    }

    /** The new owner and its audit entry, in one transaction. */
    void setOwner(Clip clip, User to, User actor) {
        db.transaction(tx -> {
            tx.dsl().update(CLIPS).set(CLIPS.OWNER_ID, to.id()).set(CLIPS.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(CLIPS.ID.eq(clip.id())).execute();
            AccessAudit.record(tx.dsl(), actor, "clip_owner_changed", subject(clip),
                    Map.of("from", clip.ownerEmail(), "to", to.email()));
        });
    }

    /** How many clips each owner has, by user id (owners of none left out). */
    Map<Long, Integer> countsByOwner() {
        return db.select(CLIPS.OWNER_ID, DSL.count()).from(CLIPS).groupBy(CLIPS.OWNER_ID)
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    List<Clip> ownedBy(long ownerId) {
        return select().where(CLIPS.OWNER_ID.eq(ownerId)).orderBy(CLIPS.ID).fetch(ClipStore::toClip);
    }

    void delete(long id) {
        db.deleteFrom(CLIPS).where(CLIPS.ID.eq(id)).execute();
    }

    /** How many clips each source with any has, by source name. */
    java.util.Map<String, Integer> countsBySource() {
        return db.select(SOURCES.NAME, DSL.count()).from(CLIPS).join(SOURCES).on(SOURCES.ID.eq(CLIPS.SOURCE_ID))
                .groupBy(SOURCES.NAME).fetchMap(SOURCES.NAME, DSL.count());
    }

    /** Marks the clip as one of the examples the first embedded start makes (the clip list shows a badge). */
    void markExample(long id) {
        db.update(CLIPS).set(CLIPS.EXAMPLE, true).where(CLIPS.ID.eq(id)).execute();
    }

    /** Clips at their current version, with their source, owner and schedule; more: columns a caller adds. */
    SelectOnConditionStep<Record> select(SelectField<?>... more) {
        return db.select(CLIPS.fields()).select(more)
                .select(SOURCES.NAME, USERS.EMAIL, CLIP_VERSIONS.SQL, CLIP_VERSIONS.PARAMETERS, CLIP_VERSIONS.CHART,
                        CLIP_VERSIONS.QUERY_VERSION, CLIP_SCHEDULES.FOLLOW)
                .from(CLIPS)
                .join(SOURCES).on(SOURCES.ID.eq(CLIPS.SOURCE_ID))
                .join(USERS).on(USERS.ID.eq(CLIPS.OWNER_ID))
                .join(CLIP_VERSIONS).on(CLIP_VERSIONS.CLIP_ID.eq(CLIPS.ID).and(CLIP_VERSIONS.VERSION.eq(CLIPS.VERSION)))
                .leftJoin(CLIP_SCHEDULES).on(CLIP_SCHEDULES.CLIP_ID.eq(CLIPS.ID));
    }

    private org.jooq.SelectOnConditionStep<Record> versionQuery() {
        return db.select(CLIP_VERSIONS.fields()).select(USERS.EMAIL).from(CLIP_VERSIONS)
                .leftJoin(USERS).on(USERS.ID.eq(CLIP_VERSIONS.AUTHOR_ID));
    }

    static Clip toClip(Record r) {
        return new Clip(r.get(CLIPS.ID), r.get(CLIPS.SLUG), r.get(CLIPS.TITLE), r.get(CLIPS.DESCRIPTION),
                r.get(CLIPS.SOURCE_ID), r.get(SOURCES.NAME), r.get(CLIPS.OWNER_ID), r.get(USERS.EMAIL),
                Access.parse(r.get(CLIPS.ACCESS)), r.get(CLIPS.MAX_AGE_SECONDS), r.get(CLIPS.VERSION),
                r.get(CLIP_VERSIONS.SQL), r.get(CLIPS.CREATED_AT), r.get(CLIPS.UPDATED_AT),
                r.get(CLIPS.PINNED_RESULT_ID), Boolean.TRUE.equals(r.get(CLIP_SCHEDULES.FOLLOW)),
                r.get(CLIPS.LINK_EXPIRES_AT), r.get(CLIPS.LINK_OPENED_AT),
                Parameters.fromJson(r.get(CLIP_VERSIONS.PARAMETERS)), ChartSpec.fromJson(r.get(CLIP_VERSIONS.CHART)),
                r.get(CLIP_VERSIONS.QUERY_VERSION));
    }

    private static ClipVersion toVersion(Record r) {
        String author = r.get(USERS.EMAIL);
        return new ClipVersion(r.get(CLIP_VERSIONS.VERSION), r.get(CLIP_VERSIONS.SQL),
                author == null ? "(deleted user)" : author, r.get(CLIP_VERSIONS.CREATED_AT),
                Parameters.fromJson(r.get(CLIP_VERSIONS.PARAMETERS)), ChartSpec.fromJson(r.get(CLIP_VERSIONS.CHART)),
                r.get(CLIP_VERSIONS.QUERY_VERSION));
    }

}

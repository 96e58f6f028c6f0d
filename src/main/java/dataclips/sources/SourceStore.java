package dataclips.sources;

import static dataclips.db.Tables.FOLLOWERS;
import static dataclips.db.Tables.SOURCES;

import dataclips.db.tables.records.FollowersRecord;
import dataclips.db.tables.records.SourcesRecord;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/** Sources and followers in the metadata database; URLs are encrypted on the way in, decrypted on the way out. */
final class SourceStore {
    private static final String URL_PURPOSE = "source-url";
    private static final int MAX_DECRYPTED = 10_000;
    private final Map<ByteBuffer, PostgresUrl> decrypted = new ConcurrentHashMap<>();
    private final DSLContext db;
    private final SecretBox box;

    SourceStore(DSLContext db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    Source insert(String name, List<PostgresUrl> followers, Optional<PostgresUrl> primary, int maxLagSeconds,
                  Long createdBy) {
        long id = db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            SourcesRecord source = t.insertInto(SOURCES)
                    .set(SOURCES.NAME, name)
                    .set(SOURCES.PRIMARY_URL_ENCRYPTED, primary.map(p -> box.encrypt(p.toUrlString(), URL_PURPOSE)).orElse(null))
                    .set(SOURCES.PRIMARY_DISPLAY, primary.map(PostgresUrl::display).orElse(null))
                    .set(SOURCES.MAX_LAG_SECONDS, maxLagSeconds)
                    .set(SOURCES.CREATED_BY, createdBy)
                    .returning().fetchOne();
            for (int i = 0; i < followers.size(); i++) {
                PostgresUrl url = followers.get(i);
                t.insertInto(FOLLOWERS)
                        .set(FOLLOWERS.SOURCE_ID, source.getId())
                        .set(FOLLOWERS.POSITION, i + 1)
                        .set(FOLLOWERS.HOST, url.host())
                        .set(FOLLOWERS.PORT, url.port())
                        .set(FOLLOWERS.DATABASE_NAME, url.database())
                        .set(FOLLOWERS.URL_ENCRYPTED, box.encrypt(url.toUrlString(), URL_PURPOSE))
                        .execute();
            }
            return source.getId();
        });
        return find(id).orElseThrow();
    }

    /** Points an existing follower at a new URL (the embedded follower after a port change). */
    void updateFollowerUrl(long followerId, PostgresUrl url) {
        db.update(FOLLOWERS)
                .set(FOLLOWERS.HOST, url.host())
                .set(FOLLOWERS.PORT, url.port())
                .set(FOLLOWERS.DATABASE_NAME, url.database())
                .set(FOLLOWERS.URL_ENCRYPTED, box.encrypt(url.toUrlString(), URL_PURPOSE))
                .where(FOLLOWERS.ID.eq(followerId)).execute();
    }

    void updatePrimaryUrl(long sourceId, PostgresUrl url) {
        db.update(SOURCES)
                .set(SOURCES.PRIMARY_URL_ENCRYPTED, box.encrypt(url.toUrlString(), URL_PURPOSE))
                .set(SOURCES.PRIMARY_DISPLAY, url.display())
                .where(SOURCES.ID.eq(sourceId)).execute();
    }

    boolean delete(String name) {
        return db.deleteFrom(SOURCES).where(SOURCES.NAME.eq(name)).execute() > 0;
    }

    boolean exists(String name) {
        return db.fetchExists(SOURCES, SOURCES.NAME.eq(name));
    }

    Optional<Source> find(String name) {
        return withFollowers(SOURCES.NAME.eq(name));
    }

    Optional<Source> find(long id) {
        return withFollowers(SOURCES.ID.eq(id));
    }

    List<Source> list() {
        Map<Long, List<Source.Follower>> followers = db.selectFrom(FOLLOWERS).orderBy(FOLLOWERS.POSITION).fetch()
                .intoGroups(FOLLOWERS.SOURCE_ID, this::follower);
        return db.selectFrom(SOURCES).orderBy(SOURCES.NAME).fetch()
                .map(s -> toSource(s, followers.getOrDefault(s.getId(), List.of())));
    }

    /** The source with its followers in one query: a clip's source is looked up before every run's first byte. */
    private Optional<Source> withFollowers(Condition which) {
        Result<Record> rows = db.select(SOURCES.fields()).select(FOLLOWERS.fields()).from(SOURCES)
                .leftJoin(FOLLOWERS).on(FOLLOWERS.SOURCE_ID.eq(SOURCES.ID))
                .where(which).orderBy(FOLLOWERS.POSITION).fetch();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Source.Follower> followers = rows.stream().filter(r -> r.get(FOLLOWERS.ID) != null)
                .map(r -> follower(r.into(FOLLOWERS))).toList();
        return Optional.of(toSource(rows.get(0).into(SOURCES), followers));
    }

    private Source.Follower follower(FollowersRecord r) {
        return new Source.Follower(r.getId(), r.getPosition(), decrypt(r.getUrlEncrypted()));
    }

    private Source toSource(SourcesRecord s, List<Source.Follower> followers) {
        Optional<PostgresUrl> primary = Optional.ofNullable(s.getPrimaryUrlEncrypted()).map(this::decrypt);
        return new Source(s.getId(), s.getName(), primary, followers, s.getStatementTimeoutSeconds(),
                s.getMaxLagSeconds(), s.getCreatedAt());
    }

    /**
     * Decrypted once per stored value: a clip's source is looked up on every run and every table, and AES-GCM plus
     * parsing each follower's URL each time showed under load. Keyed by the stored bytes, so it is never stale.
     */
    private PostgresUrl decrypt(byte[] stored) {
        PostgresUrl known = decrypted.get(ByteBuffer.wrap(stored));
        if (known != null) {
            return known;
        }
        if (decrypted.size() > MAX_DECRYPTED) {
            decrypted.clear();
        }
        PostgresUrl url = PostgresUrl.parse(box.decrypt(stored, URL_PURPOSE));
        decrypted.put(ByteBuffer.wrap(stored.clone()), url); // the key's bytes are its own: nobody changes them
        return url;
    }
}

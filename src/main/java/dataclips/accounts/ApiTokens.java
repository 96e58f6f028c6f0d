package dataclips.accounts;

import static dataclips.db.Tables.API_TOKENS;
import static dataclips.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** API tokens sent as "Authorization: Bearer …"; stored only as hashes. */
public final class ApiTokens {
    private final DSLContext db;

    public ApiTokens(DSLContext db) {
        this.db = db;
    }

    public record Created(long id, String token, String name, OffsetDateTime createdAt) {}

    public Created create(User user, String name) {
        String token = Tokens.generate("dc_");
        var record = db.insertInto(API_TOKENS)
                .set(API_TOKENS.USER_ID, user.id())
                .set(API_TOKENS.TOKEN_HASH, Tokens.hash(token))
                .set(API_TOKENS.NAME, name)
                .returning().fetchOne();
        return new Created(record.getId(), token, name, record.getCreatedAt());
    }

    /** A token as its owner sees it: never the secret (only its hash is stored anyway). */
    public record Listed(long id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {}

    /** The user's tokens, newest first. */
    public List<Listed> list(User user) {
        return db.select(API_TOKENS.ID, API_TOKENS.NAME, API_TOKENS.CREATED_AT, API_TOKENS.LAST_USED_AT)
                .from(API_TOKENS).where(API_TOKENS.USER_ID.eq(user.id()))
                .orderBy(API_TOKENS.CREATED_AT.desc(), API_TOKENS.ID.desc())
                .fetch(r -> new Listed(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Deletes one of the user's own tokens; false when it is not theirs or does not exist (the same to
     * the caller, so nobody learns other users' token ids). The next request with it gets 401.
     */
    public boolean revoke(User user, long id) {
        return db.deleteFrom(API_TOKENS).where(API_TOKENS.ID.eq(id)).and(API_TOKENS.USER_ID.eq(user.id())).execute() == 1;
    }

    public Optional<User> find(String token) {
        String hash = Tokens.hash(token);
        Optional<User> user = db.select(USERS.fields()).from(API_TOKENS).join(USERS).on(USERS.ID.eq(API_TOKENS.USER_ID))
                .where(API_TOKENS.TOKEN_HASH.eq(hash)).and(USERS.ACTIVE.isTrue())
                .fetchOptional().map(r -> Users.toUser(r.into(USERS)));
        // Record use at most once a minute: a busy script should not turn every read into a write.
        user.ifPresent(u -> db.update(API_TOKENS).set(API_TOKENS.LAST_USED_AT, DSL.currentOffsetDateTime())
                .where(API_TOKENS.TOKEN_HASH.eq(hash))
                .and(API_TOKENS.LAST_USED_AT.isNull().or(API_TOKENS.LAST_USED_AT.lt(OffsetDateTime.now().minusMinutes(1))))
                .execute());
        return user;
    }
}

package dataclips.accounts;

import static dataclips.db.Tables.API_TOKENS;
import static dataclips.db.Tables.USERS;

import java.time.OffsetDateTime;
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

    public Optional<User> find(String token) {
        String hash = Tokens.hash(token);
        Optional<User> user = db.select(USERS.fields()).from(API_TOKENS).join(USERS).on(USERS.ID.eq(API_TOKENS.USER_ID))
                .where(API_TOKENS.TOKEN_HASH.eq(hash))
                .fetchOptional().map(r -> Users.toUser(r.into(USERS)));
        // Record use at most once a minute: a busy script should not turn every read into a write.
        user.ifPresent(u -> db.update(API_TOKENS).set(API_TOKENS.LAST_USED_AT, DSL.currentOffsetDateTime())
                .where(API_TOKENS.TOKEN_HASH.eq(hash))
                .and(API_TOKENS.LAST_USED_AT.isNull().or(API_TOKENS.LAST_USED_AT.lt(OffsetDateTime.now().minusMinutes(1))))
                .execute());
        return user;
    }
}

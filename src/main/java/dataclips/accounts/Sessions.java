package dataclips.accounts;

import static dataclips.db.Tables.SESSIONS;
import static dataclips.db.Tables.USERS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/** Browser sessions, kept in the metadata database so they survive restarts and work across instances. */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofDays(14);
    private final DSLContext db;

    public Sessions(DSLContext db) {
        this.db = db;
    }

    /** A new session id for the user; only its hash is stored. */
    public String start(User user) {
        return start(user, Optional.empty());
    }

    /**
     * A new session id for the user; idToken: the ID token of the single sign-on that began it, kept to name the session
     * to the identity provider when the user also signs out there.
     */
    public String start(User user, Optional<String> idToken) {
        deleteExpired(); // housekeeping rides on sign-ins: no scheduler needed for a tiny table
        String token = Tokens.generate("s_");
        db.insertInto(SESSIONS)
                .set(SESSIONS.TOKEN_HASH, Tokens.hash(token))
                .set(SESSIONS.USER_ID, user.id())
                .set(SESSIONS.EXPIRES_AT, OffsetDateTime.now().plus(LIFETIME))
                .set(SESSIONS.ID_TOKEN, idToken.orElse(null))
                .execute();
        return token;
    }

    public Optional<User> find(String token) {
        return db.select(USERS.fields()).from(SESSIONS).join(USERS).on(USERS.ID.eq(SESSIONS.USER_ID))
                .where(SESSIONS.TOKEN_HASH.eq(Tokens.hash(token)))
                .and(SESSIONS.EXPIRES_AT.gt(OffsetDateTime.now()))
                .and(USERS.ACTIVE.isTrue()) // deactivating deletes the sessions too: this only guards a race
                .fetchOptional().map(r -> Users.toUser(r.into(USERS)));
    }

    /** Ends the session; the ID token it began with when it came from single sign-on. */
    public Optional<String> end(String token) {
        return db.deleteFrom(SESSIONS).where(SESSIONS.TOKEN_HASH.eq(Tokens.hash(token))).returning(SESSIONS.ID_TOKEN)
                .fetchOptional().map(r -> r.get(SESSIONS.ID_TOKEN));
    }

    private int deleteExpired() {
        return db.deleteFrom(SESSIONS).where(SESSIONS.EXPIRES_AT.le(OffsetDateTime.now())).execute();
    }
}

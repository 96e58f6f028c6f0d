package dataclips.accounts;

import static dataclips.db.Tables.ACCESS_CHANGES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The audit of who may do what (README, "Teams and access"): every change of teams, team members, database levels,
 * clip members, clip owners, a clip's sharing (access, link expiry, rotation), user roles and activity, and the
 * accounts single sign-on makes or links. Each change writes its entry in its own transaction, so an entry exists
 * exactly when the change does.
 */
public final class AccessAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DSLContext db;

    /** One change: who (their email then), what (an action such as "team_created"), on what, and the details as JSON. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String subject, String details) {}

    public AccessAudit(DSLContext db) {
        this.db = db;
    }

    /** Who made the changes single sign-on makes as someone signs in (their teams, their role, their new account). */
    public static final String SINGLE_SIGN_ON = "single sign-on";

    /** Writes the entry with tx, the transaction of the change itself. */
    public static void record(DSLContext tx, User actor, String action, String subject, Map<String, ?> details) {
        record(tx, actor.id(), actor.email(), action, subject, details);
    }

    /** A change single sign-on made from what the identity provider said at a sign-in (no user made it). */
    public static void recordBySingleSignOn(DSLContext tx, String action, String subject, Map<String, ?> details) {
        record(tx, null, SINGLE_SIGN_ON, action, subject, details);
    }

    /** An entry no signed-in user made: the app itself, or a mail recipient's unsubscribe link (actor says which). */
    public static void record(DSLContext tx, String actor, String action, String subject, Map<String, ?> details) {
        record(tx, null, actor, action, subject, details);
    }

    private static void record(DSLContext tx, Long actorId, String actor, String action, String subject,
                               Map<String, ?> details) {
        try {
            tx.insertInto(ACCESS_CHANGES).set(ACCESS_CHANGES.ACTOR_ID, actorId).set(ACCESS_CHANGES.ACTOR, actor)
                    .set(ACCESS_CHANGES.ACTION, action).set(ACCESS_CHANGES.SUBJECT, cut(subject))
                    .set(ACCESS_CHANGES.DETAILS, JSON.writeValueAsString(details)).execute();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest entries first. */
    public List<Entry> newest(int limit) {
        return db.selectFrom(ACCESS_CHANGES).orderBy(ACCESS_CHANGES.ID.desc()).limit(limit)
                .fetch(r -> new Entry(r.getId(), r.getAt(), r.getActor(), r.getAction(), r.getSubject(), r.getDetails()));
    }

    private static String cut(String subject) {
        return subject.length() > 400 ? subject.substring(0, 399) + "…" : subject;
    }
}

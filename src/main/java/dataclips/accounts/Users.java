package dataclips.accounts;

import static dataclips.db.Tables.API_TOKENS;
import static dataclips.db.Tables.SESSIONS;
import static dataclips.db.Tables.USERS;

import dataclips.UserError;
import dataclips.db.tables.records.UsersRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Users in the metadata database. Emails are compared lower-cased. A deactivated user signs in no more and their
 * sessions and API tokens are gone; there is always at least one active admin.
 */
public final class Users {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private final DSLContext db;

    public Users(DSLContext db) {
        this.db = db;
    }

    public User create(String email, String password, Role role) {
        String normalized = normalize(email);
        if (!EMAIL.matcher(normalized).matches() || normalized.length() > 320) {
            throw new UserError(422, "bad_email", "'" + email + "' is not an email address");
        }
        String hash = Passwords.hash(password);
        try {
            return toUser(db.insertInto(USERS)
                    .set(USERS.EMAIL, normalized)
                    .set(USERS.PASSWORD_HASH, hash)
                    .set(USERS.ROLE, role.dbValue())
                    .returning().fetchOne());
        } catch (IntegrityConstraintViolationException e) {
            throw new UserError(409, "email_taken", "a user with the email " + normalized + " already exists");
        }
    }

    /**
     * The active user with this email and password; empty for a wrong email, a wrong password or a deactivated
     * account alike (the password is checked all the same, so the answer takes as long).
     */
    public Optional<User> authenticate(String email, String password) {
        UsersRecord record = email == null ? null
                : db.selectFrom(USERS).where(USERS.EMAIL.eq(normalize(email))).fetchOne();
        boolean matches = Passwords.matches(password, record == null ? null : record.getPasswordHash());
        return matches && record.getActive() ? Optional.of(toUser(record)) : Optional.empty();
    }

    public Optional<User> find(long id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(Users::toUser);
    }

    public Optional<User> find(String email) {
        return db.selectFrom(USERS).where(USERS.EMAIL.eq(normalize(email))).fetchOptional().map(Users::toUser);
    }

    /**
     * Sets the user's role and whether they are active (an empty field stays). Deactivating deletes their sessions and
     * API tokens in the same transaction, so their next request is refused (401) wherever it arrives. Leaving no active
     * admin is a 409. The change is audited.
     */
    public User change(User target, Optional<Role> role, Optional<Boolean> active, User actor) {
        return db.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            // Lock the active admins first: two admins demoting each other at once cannot both pass the check below.
            List<Long> admins = t.select(USERS.ID).from(USERS).where(USERS.ROLE.eq(Role.ADMIN.dbValue()))
                    .and(USERS.ACTIVE.isTrue()).orderBy(USERS.ID).forUpdate().fetch(USERS.ID);
            UsersRecord now = t.selectFrom(USERS).where(USERS.ID.eq(target.id())).forUpdate().fetchOptional()
                    .orElseThrow(() -> UserError.notFound("the user " + target.email()));
            Role newRole = role.orElse(Role.fromDb(now.getRole()));
            boolean newActive = active.orElse(now.getActive());
            boolean staysAdmin = newRole == Role.ADMIN && newActive;
            if (admins.equals(List.of(now.getId())) && !staysAdmin) {
                throw new UserError(409, "last_admin", now.getEmail() + " is the last active admin; make another user "
                        + "an admin first");
            }
            // A role set by hand is the admin's decision: single sign-on's admin group no longer takes it away.
            boolean fromIdp = now.getAdminFromIdp() && newRole == Role.fromDb(now.getRole());
            t.update(USERS).set(USERS.ROLE, newRole.dbValue()).set(USERS.ACTIVE, newActive)
                    .set(USERS.ADMIN_FROM_IDP, fromIdp).where(USERS.ID.eq(now.getId())).execute();
            if (!newActive) {
                t.deleteFrom(SESSIONS).where(SESSIONS.USER_ID.eq(now.getId())).execute();
                t.deleteFrom(API_TOKENS).where(API_TOKENS.USER_ID.eq(now.getId())).execute();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            if (newRole != Role.fromDb(now.getRole())) {
                details.put("role", Map.of("from", now.getRole(), "to", newRole.dbValue()));
                AccessAudit.record(t, actor, "user_role_set", "user " + now.getEmail(), details);
            }
            if (newActive != now.getActive()) {
                AccessAudit.record(t, actor, newActive ? "user_activated" : "user_deactivated", "user " + now.getEmail(),
                        Map.of("active", newActive));
            }
            return toUser(t.selectFrom(USERS).where(USERS.ID.eq(now.getId())).fetchOne());
        });
    }

    public List<User> list() {
        return db.selectFrom(USERS).orderBy(USERS.CREATED_AT, USERS.ID).fetch().map(Users::toUser);
    }

    /** One round trip to the metadata database: /health answers 200 only when it comes back. */
    public void ping() {
        db.selectOne().fetch();
    }

    public boolean none() {
        return !db.fetchExists(USERS);
    }

    static User toUser(UsersRecord r) {
        return new User(r.getId(), r.getEmail(), Role.fromDb(r.getRole()), r.getCreatedAt(), r.getActive());
    }

    static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}

package dataclips.accounts;

import static dataclips.db.Tables.USERS;

import dataclips.UserError;
import dataclips.db.tables.records.UsersRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Users in the metadata database. Emails are compared lower-cased. */
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

    /** The user with this email and password; empty for a wrong email or a wrong password alike. */
    public Optional<User> authenticate(String email, String password) {
        UsersRecord record = email == null ? null
                : db.selectFrom(USERS).where(USERS.EMAIL.eq(normalize(email))).fetchOne();
        boolean matches = Passwords.matches(password, record == null ? null : record.getPasswordHash());
        return matches ? Optional.of(toUser(record)) : Optional.empty();
    }

    public Optional<User> find(long id) {
        return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(Users::toUser);
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
        return new User(r.getId(), r.getEmail(), Role.fromDb(r.getRole()), r.getCreatedAt());
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}

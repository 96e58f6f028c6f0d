package dataclips.accounts;

import static dataclips.db.Tables.OIDC_IDENTITIES;
import static dataclips.db.Tables.USERS;

import dataclips.db.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts of people who sign in with the identity provider, found by (issuer, subject). At the first sign-on of a
 * subject, an account with the same verified email is linked to it (never one already linked to another subject of the
 * same issuer), or a new member account without a password is made. With an admin group, the role follows it: being
 * in the group makes an admin, and leaving it takes away the role the group gave (never one given by hand). A
 * deactivated account is refused whatever the provider says. Every change is audited as made by single sign-on.
 */
final class OidcAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(OidcAccounts.class);
    private final DSLContext db;
    private final Optional<String> adminGroup;

    OidcAccounts(DSLContext db, Optional<String> adminGroup) {
        this.db = db;
        this.adminGroup = adminGroup;
    }

    User signIn(OidcIdentity identity) throws SsoRefusal.Halt {
        try {
            return attempt(identity);
        } catch (IntegrityConstraintViolationException e) {
            return attempt(identity); // a first sign-on of the same person at the same moment made it: now it is found
        }
    }

    private User attempt(OidcIdentity identity) throws SsoRefusal.Halt {
        try {
            return db.transactionResult(tx -> {
                DSLContext t = tx.dsl();
                UsersRecord user = linked(t, identity).orElse(null);
                if (user == null) {
                    user = firstSignOn(t, identity);
                } else if (user.getActive()) {
                    t.update(OIDC_IDENTITIES).set(OIDC_IDENTITIES.LAST_SIGN_IN_AT, OffsetDateTime.now())
                            .where(OIDC_IDENTITIES.ISSUER.eq(identity.issuer()))
                            .and(OIDC_IDENTITIES.SUBJECT.eq(identity.subject())).execute();
                }
                if (!user.getActive()) {
                    throw new Wrapped(SsoRefusal.DEACTIVATED.halt(user.getEmail()));
                }
                followAdminGroup(t, user, identity);
                return Users.toUser(t.selectFrom(USERS).where(USERS.ID.eq(user.getId())).fetchOne());
            });
        } catch (Wrapped e) {
            throw e.halt;
        }
    }

    private static Optional<UsersRecord> linked(DSLContext t, OidcIdentity identity) {
        return t.select(USERS.fields()).from(OIDC_IDENTITIES).join(USERS).on(USERS.ID.eq(OIDC_IDENTITIES.USER_ID))
                .where(OIDC_IDENTITIES.ISSUER.eq(identity.issuer())).and(OIDC_IDENTITIES.SUBJECT.eq(identity.subject()))
                .forUpdate().fetchOptional().map(r -> r.into(USERS));
    }

    /** Links the account with this email, or makes a member account; refuses an email linked to another subject. */
    private static UsersRecord firstSignOn(DSLContext t, OidcIdentity identity) {
        UsersRecord user = t.selectFrom(USERS).where(USERS.EMAIL.eq(identity.email())).forUpdate().fetchOne();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issuer", identity.issuer());
        details.put("subject", identity.subject());
        if (user != null && !user.getActive()) {
            return user; // refused by the caller, and nothing is linked
        }
        if (user != null && t.fetchExists(OIDC_IDENTITIES, OIDC_IDENTITIES.ISSUER.eq(identity.issuer())
                .and(OIDC_IDENTITIES.USER_ID.eq(user.getId())))) {
            throw new Wrapped(SsoRefusal.OTHER_SUBJECT.halt(identity.email()));
        }
        if (user == null) {
            user = t.insertInto(USERS).set(USERS.EMAIL, identity.email()).set(USERS.ROLE, Role.MEMBER.dbValue())
                    .returning().fetchOne();
            details.put("role", Role.MEMBER.dbValue());
            AccessAudit.recordBySingleSignOn(t, "user_created", "user " + identity.email(), details);
        } else {
            AccessAudit.recordBySingleSignOn(t, "user_linked", "user " + identity.email(), details);
        }
        t.insertInto(OIDC_IDENTITIES).set(OIDC_IDENTITIES.ISSUER, identity.issuer())
                .set(OIDC_IDENTITIES.SUBJECT, identity.subject()).set(OIDC_IDENTITIES.USER_ID, user.getId())
                .set(OIDC_IDENTITIES.EMAIL, identity.email()).execute();
        return user;
    }

    /** With DATACLIPS_OIDC_ADMIN_GROUP and a groups claim: in the group, admin; out of it, not by the group's grace. */
    private void followAdminGroup(DSLContext t, UsersRecord user, OidcIdentity identity) {
        if (adminGroup.isEmpty() || identity.groups().isEmpty()) {
            return;
        }
        boolean inGroup = identity.groups().get().contains(adminGroup.get());
        boolean admin = Role.fromDb(user.getRole()) == Role.ADMIN;
        if (inGroup && !admin) {
            setRole(t, user, Role.ADMIN, true);
        } else if (!inGroup && admin && user.getAdminFromIdp()) {
            boolean othersLeft = t.fetchExists(USERS, USERS.ROLE.eq(Role.ADMIN.dbValue()).and(USERS.ACTIVE.isTrue())
                    .and(USERS.ID.ne(user.getId())));
            if (othersLeft) {
                setRole(t, user, Role.MEMBER, false);
            } else {
                LOG.warn("single sign-on: {} left the admin group {} but is the last active admin, so stays one",
                        user.getEmail(), adminGroup.get());
            }
        }
    }

    private void setRole(DSLContext t, UsersRecord user, Role role, boolean fromIdp) {
        t.update(USERS).set(USERS.ROLE, role.dbValue()).set(USERS.ADMIN_FROM_IDP, fromIdp)
                .where(USERS.ID.eq(user.getId())).execute();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", Map.of("from", user.getRole(), "to", role.dbValue()));
        details.put("admin_group", adminGroup.orElseThrow());
        AccessAudit.recordBySingleSignOn(t, "user_role_set", "user " + user.getEmail(), details);
    }

    /** Carries a refusal out of jOOQ's transaction (which takes only unchecked exceptions) and rolls it back. */
    private static final class Wrapped extends RuntimeException {
        private final SsoRefusal.Halt halt;

        Wrapped(SsoRefusal.Halt halt) {
            super(null, null, false, false);
            this.halt = halt;
        }
    }
}

package dataclips.accounts;

import java.time.OffsetDateTime;

/**
 * A person with an account. The password hash never leaves {@link Users}. A deactivated user (active false) is
 * nobody to the app: no session or token of theirs is found, so no request ever carries them.
 */
public record User(long id, String email, Role role, OffsetDateTime createdAt, boolean active) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}

package dataclips.accounts;

import java.time.OffsetDateTime;

/** A signed-in person. The password hash never leaves {@link Users}. */
public record User(long id, String email, Role role, OffsetDateTime createdAt) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}

package dataclips.accounts;

import java.util.Optional;

/**
 * Who may sign in with a password (the sign-in form and POST /api/v1/tokens): everyone, or with
 * DATACLIPS_PASSWORD_SIGNIN=false only DATACLIPS_ADMIN_EMAIL, the administrator's way in when single sign-on cannot be
 * used.
 */
public record PasswordSignIn(boolean open, Optional<String> adminEmail) {
    public boolean allows(String email) {
        return open || adminEmail.map(Users::normalize).filter(a -> a.equals(Users.normalize(email))).isPresent();
    }
}

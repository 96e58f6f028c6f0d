package dataclips.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dataclips.UserError;
import java.nio.charset.StandardCharsets;

/** bcrypt hashing. bcrypt reads at most 72 bytes, so longer passwords are refused instead of cut short. */
final class Passwords {
    static final int MIN_LENGTH = 8;
    static final int MAX_BYTES = 72;
    private static final int COST = 11;
    /** Checked when the email is unknown, so a wrong email costs as much time as a wrong password. */
    private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(COST, "not a real password".toCharArray());

    private Passwords() {}

    static String hash(String password) {
        requireAcceptable(password);
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    static boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            BCrypt.verifyer().verify("x".toCharArray(), DUMMY_HASH);
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DUMMY_HASH : hash).verified && hash != null;
    }

    static void requireAcceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new UserError(422, "weak_password", "the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new UserError(422, "long_password", "the password must be at most " + MAX_BYTES + " bytes (bcrypt's limit)");
        }
    }
}

package dataclips.accounts;

import dataclips.PrivateFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The first admin, created when no user exists: from DATACLIPS_ADMIN_EMAIL/PASSWORD, or with a generated
 * password written to a 0600 file whose path (never the password) is printed.
 */
public final class FirstAdmin {
    public static final String DEFAULT_EMAIL = "admin@dataclips.local";

    /** How to sign in as the first admin; the password file is present when the password was generated. */
    public record SignIn(String email, Optional<Path> passwordFile) {}

    private FirstAdmin() {}

    public static Optional<SignIn> ensure(Users users, Optional<String> email, Optional<String> password, Path home) {
        if (!users.none()) {
            return Optional.empty();
        }
        if (email.isPresent() && password.isPresent()) {
            users.create(email.get(), password.get(), Role.ADMIN);
            return Optional.of(new SignIn(email.get(), Optional.empty()));
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = home.resolve("admin-password.txt");
        PrivateFiles.write(file, generated + "\n");
        users.create(DEFAULT_EMAIL, generated, Role.ADMIN);
        return Optional.of(new SignIn(DEFAULT_EMAIL, Optional.of(file)));
    }
}

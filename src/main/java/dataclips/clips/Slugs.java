package dataclips.clips;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Clip slugs: 26 characters of base32 (a-z, 2-7) from a CSPRNG, i.e. 130 random bits. The slug is the
 * secret of a shared link, so it is never derived from anything and never reused.
 */
public final class Slugs {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    public static final int LENGTH = 26;
    private static final Pattern SHAPE = Pattern.compile("^[a-z2-7]{" + LENGTH + "}$");
    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] slug = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            slug[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(slug);
    }

    /** Answers before any lookup, so a malformed URL costs no query. */
    public static boolean wellFormed(String slug) {
        return slug != null && SHAPE.matcher(slug).matches();
    }
}

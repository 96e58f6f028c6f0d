package dataclips.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the sign-in page may send the browser afterwards ({@code ?next=}): a path on this site only. A target
 * passes when it, and every form it decodes to (percent-decoding again and again, as a chain of proxies and
 * browsers might), starts with one "/" followed by a character that is neither "/" nor "\", and holds no
 * control character or whitespace. Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.test",
 * "/\evil.test" and "/%5Cevil.test" would all leave the site; anything that fails goes to "/". See README,
 * "Security".
 */
final class RedirectTarget {
    /** Decoding more often than this without reaching a fixed point is itself a reason to refuse. */
    private static final int MAX_DECODES = 5;

    private RedirectTarget() {}

    static String safe(String next) {
        if (next == null) {
            return "/";
        }
        String form = next;
        for (int i = 0; i <= MAX_DECODES; i++) {
            if (!localPath(form)) {
                return "/";
            }
            String decoded = decode(form);
            if (decoded == null) {
                return "/";
            }
            if (decoded.equals(form)) {
                return next;
            }
            form = decoded;
        }
        return "/";
    }

    private static boolean localPath(String path) {
        if (path.length() < 2 || path.charAt(0) != '/' || path.charAt(1) == '/' || path.charAt(1) == '\\') {
            return path.equals("/");
        }
        return path.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)
                || Character.isSpaceChar(c) || c == '\\');
    }

    /** One round of percent-decoding ("+" stays "+": it is a space only in form bodies); null if malformed. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

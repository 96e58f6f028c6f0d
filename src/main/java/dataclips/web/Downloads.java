package dataclips.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Download file names from clip titles: a safe ASCII name plus the exact title in RFC 6266's filename*. */
final class Downloads {
    private Downloads() {}

    static String contentDisposition(String title, String extension, boolean inline) {
        String exact = percentEncode(title + "." + extension);
        return (inline ? "inline" : "attachment") + "; filename=\"" + fileName(title, extension) + "\"; filename*=UTF-8''" + exact;
    }

    /** The plain ASCII file name of a download: letters, digits, '.', '_' and '-' only, never starting with '-' or '.'. */
    static String fileName(String title, String extension) {
        String ascii = title.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        if (ascii.length() > 100) {
            ascii = ascii.substring(0, 100);
        }
        return (ascii.isEmpty() ? "clip" : ascii) + "." + extension;
    }

    private static String percentEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}

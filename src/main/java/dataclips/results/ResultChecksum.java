package dataclips.results;

import dataclips.export.Column;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;

/**
 * A result's checksum: SHA-256 over everything a download is made from (title, as-of time, columns, parameter values, each
 * chunk's check in order: its CRC32C and length, or the SHA-256 of chunks stored before CRC32C; the truncated flag). Equal checksums mean byte-equal CSV, JSON and XML, so it
 * doubles as the downloads' ETag.
 */
final class ResultChecksum {
    private final MessageDigest digest = sha256();

    /** parameters: the values the result ran with; none (a clip without parameters) adds nothing, as before. */
    ResultChecksum(String title, OffsetDateTime asOf, List<Column> columns, SortedMap<String, String> parameters) {
        text(title);
        text(asOf == null ? "" : asOf.toInstant().toString());
        for (Column column : columns) {
            text(column.name());
            text(column.pgType());
        }
        parameters.forEach((name, value) -> {
            text(name);
            text(value);
        });
    }

    void chunk(byte[] chunkDigest) {
        digest.update(chunkDigest);
    }

    String finish(boolean truncated) {
        digest.update((byte) (truncated ? 1 : 0));
        return HexFormat.of().formatHex(digest.digest());
    }

    static byte[] of(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** Length first, so ("ab","c") and ("a","bc") differ. */
    private void text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {(byte) (utf8.length >>> 24), (byte) (utf8.length >>> 16), (byte) (utf8.length >>> 8),
            (byte) utf8.length});
        digest.update(utf8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

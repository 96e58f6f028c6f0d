package dataclips.web;

import dataclips.export.Format;
import dataclips.results.StoredResult;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * ETag and Last-Modified of a stored result's download, and the 304 check (RFC 9110 section 13). The
 * ETag is the result's checksum plus what changes the bytes (format, BOM, gzip, an image's size and chart
 * setting); CSV, JSON, XML, SVG and PNG are byte-identical for equal tags, XLSX only equivalent (the zip has its
 * own timestamps), so weak.
 */
final class Validators {
    private Validators() {}

    /** downloadTag: what tells the download's bytes apart ("csv-bom", "svg-800x400-…"), gzip aside. */
    static String etag(StoredResult result, Format format, String downloadTag, boolean gzip) {
        String tag = result.checksum().substring(0, 32) + "-" + downloadTag + (gzip ? "-gz" : "");
        return format == Format.XLSX ? "W/\"" + tag + "\"" : "\"" + tag + "\"";
    }

    /** The data's "as of" time, or when the run started if the follower could not tell. */
    static Instant lastModified(StoredResult result) {
        OffsetDateTime at = result.asOf() != null ? result.asOf() : result.startedAt();
        return at.toInstant();
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** True when the client's copy is current: If-None-Match decides when present, else If-Modified-Since. */
    static boolean notModified(Context ctx, String etag, Instant lastModified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            String mine = opaque(etag);
            return Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
                    .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(mine));
        }
        return ifModifiedSince(ctx).map(since -> lastModified.getEpochSecond() <= since.getEpochSecond()).orElse(false);
    }

    private static Optional<Instant> ifModifiedSince(Context ctx) {
        String value = ctx.header("If-Modified-Since");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip())));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // an unreadable date is ignored, as RFC 9110 asks
        }
    }

    /** Weak comparison: W/"x" and "x" name the same content. */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}

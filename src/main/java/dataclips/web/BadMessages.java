package dataclips.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests Jetty refuses before any route sees them (a URL over its 8 KB limit, a path holding an encoded NUL or
 * another character it cannot take, headers too large) get the one error shape too, instead of Jetty's own HTML
 * page. Their path was never read, so the answer is JSON for everyone: scripts are the ones that send such URLs.
 */
final class BadMessages extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        fields.put("X-Content-Type-Options", "nosniff");
        String code = switch (status) {
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> "bad_request";
        };
        String message = switch (status) {
            case 414 -> "the URL is longer than the server accepts (8 KB); send long values in a request body instead";
            case 431 -> "the request's headers are larger than the server accepts (8 KB)";
            default -> "the request is malformed (" + reason + "): check the URL for characters it may not hold, "
                    + "such as an encoded NUL (%00), and the request's headers";
        };
        try {
            return ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(Map.of("error", Map.of("code", code, "message", message))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings always serialise", e);
        }
    }
}

package dataclips.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe links (RFC 8058): /unsubscribe/{recipient id}.{signature}, the signature an HMAC-SHA256 of the
 * recipient's id and address under a key derived from the app's secret key, so a link works without signing in, for
 * that address of that subscription only, and a changed id or address does not verify.
 */
final class Unsubscribes {
    private static final int SIGNATURE_BYTES = 24;
    private final byte[] key;

    Unsubscribes(byte[] secretKey) {
        this.key = hmac(secretKey, "dataclips unsubscribe links");
    }

    String token(long recipientId, String address) {
        return recipientId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(recipientId, address));
    }

    /** The recipient id a token names, when it is well formed (its signature is checked by {@link #verifies}). */
    static Optional<Long> recipientId(String token) {
        if (token == null || !token.matches("[0-9]{1,18}\\.[A-Za-z0-9_-]{32}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(token.substring(0, token.indexOf('.'))));
    }

    boolean verifies(String token, long recipientId, String address) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                token(recipientId, address).getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] signature(long recipientId, String address) {
        return Arrays.copyOf(hmac(key, "unsubscribe:" + recipientId + ":" + address), SIGNATURE_BYTES);
    }

    static byte[] hmac(byte[] key, String text) {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

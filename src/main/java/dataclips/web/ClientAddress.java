package dataclips.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The address an anonymous request came from, and the keyed hash the access log keeps instead of it.
 * Behind a proxy (DATACLIPS_TRUST_PROXY=true, e.g. Heroku's router) the connection comes from the proxy,
 * so the client is the last X-Forwarded-For entry: the one the proxy itself appended. Entries before it
 * are whatever the client sent and are never believed. Without a proxy the header is ignored entirely.
 */
final class ClientAddress {
    private static final int HASH_HEX = 16;
    private final boolean trustProxy;
    private final SecretKeySpec hashKey;

    ClientAddress(boolean trustProxy, byte[] secretKey) {
        this.trustProxy = trustProxy;
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(secretKey, "HmacSHA256"),
                "dataclips access-log client v1"), "HmacSHA256");
    }

    String of(Context ctx) {
        return of(ctx, trustProxy);
    }

    static String of(Context ctx, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].strip();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return ctx.ip();
    }

    /**
     * HMAC-SHA256 of the address under a key derived from the secret key (never the secret key itself),
     * cut to 16 hex characters: stable for one address, so repeat visits show as one client, and not
     * reversible by trying every IPv4 address without the key.
     */
    String hashed(Context ctx) {
        return HexFormat.of().formatHex(hmac(hashKey, of(ctx))).substring(0, HASH_HEX);
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package dataclips.results;

import java.security.SecureRandom;

/**
 * A 64-bit digest of one row, for comparing snapshots by full row without holding them. It is SipHash-2-4
 * under a key drawn afresh for each comparison, so nobody who can put text into a table can craft two rows
 * that collide and hide a change.
 *
 * <p>The row is hashed as a sequence of 64-bit words (little-endian, so this is SipHash-2-4 of those
 * bytes): per value a header word, -1 for SQL NULL and the length in UTF-16 units otherwise, then the
 * characters four to a word, the last word padded with zeros. A header always says where its value ends,
 * so column boundaries are unambiguous, and NULL, '' and the text 'NULL' all differ.
 *
 * <p>Not thread-safe: one instance per comparison, used by one thread.
 */
final class RowDigest {
    private final long k0;
    private final long k1;
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    private long words;

    RowDigest(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** A digest under a fresh random key: equal rows agree only within this one comparison. */
    static RowDigest withRandomKey() {
        SecureRandom random = new SecureRandom();
        return new RowDigest(random.nextLong(), random.nextLong());
    }

    long of(String[] values) {
        start();
        for (String value : values) {
            if (value == null) {
                word(-1L);
                continue;
            }
            int length = value.length();
            word(length);
            for (int at = 0; at < length; at += 4) {
                long packed = 0;
                for (int j = 0; j < 4 && at + j < length; j++) {
                    packed |= (long) value.charAt(at + j) << (16 * j);
                }
                word(packed);
            }
        }
        return finish();
    }

    /** SipHash-2-4 of these words' little-endian bytes (the standard function; tested against its vectors). */
    long ofWords(long... message) {
        start();
        for (long m : message) {
            word(m);
        }
        return finish();
    }

    private void start() {
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
        words = 0;
    }

    private void word(long m) {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
        words++;
    }

    private long finish() {
        // The final block of a message of whole words: no tail bytes, the length in bytes mod 256 on top.
        long last = (words * 8) << 56;
        v3 ^= last;
        round();
        round();
        v0 ^= last;
        v2 ^= 0xff;
        round();
        round();
        round();
        round();
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void round() {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}

package dataclips.sources;

import dataclips.PrivateFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for credentials at rest. Stored form: version byte, 12-byte random nonce, ciphertext+tag.
 * The purpose string is bound as associated data, so a ciphertext cannot be replayed into another column.
 */
public final class SecretBox {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key in DATACLIPS_HOME/secret.key, generated (0600) on first use; for the embedded default. */
    public static byte[] keyFromHome(Path home) {
        Path file = home.resolve("secret.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            PrivateFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return Base64.getDecoder().decode(PrivateFiles.read(file));
    }

    public byte[] encrypt(String plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    }

    public String decrypt(byte[] stored, String purpose) {
        if (stored.length < 1 + NONCE_BYTES || stored[0] != VERSION) {
            throw new IllegalStateException("stored credentials are not in a known format");
        }
        ByteBuffer in = ByteBuffer.wrap(stored, 1, stored.length - 1);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return new String(cipher(Cipher.DECRYPT_MODE, nonce, purpose, sealed), StandardCharsets.UTF_8);
    }

    private byte[] cipher(int mode, byte[] nonce, String purpose, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt stored credentials: is DATACLIPS_SECRET_KEY the key "
                    + "they were stored with? (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}

package dataclips.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Utf8Out writes exactly the bytes an OutputStreamWriter in UTF-8 writes, lone surrogates as '?', whatever the buffer. */
class Utf8OutTest {
    @Test
    void writesWhatOutputStreamWriterWrites() throws IOException {
        List<String> samples = List.of("", "plain ascii, \"quoted\"", "é ñ ü", "€ 中文 ☃", "😀 and 𝄞", "lone \uD800 high",
                "lone \uDC00 low", "ends high \uD83D", "\uD83D\uD83D\uDE00 two highs");
        Random random = new Random(42);
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            noise.append((char) random.nextInt(0x10000));
        }
        for (String text : concat(samples, noise.toString())) {
            for (int size : new int[] {16, 17, 64, 1 << 16}) {
                assertArrayEquals(reference(text), utf8Out(text, size), "buffer " + size + ": " + text.length() + " chars");
                assertArrayEquals(reference(text + text), whole(text, size), "whole strings, buffer " + size);
                assertArrayEquals(reference(text + text), chars(text, size), "char arrays, buffer " + size);
            }
        }
    }

    @Test
    void aSecondCloseIsHarmlessAndWritingAfterItFails() throws IOException {
        Utf8Out out = new Utf8Out(new ByteArrayOutputStream(), 16);
        out.write("x");
        out.close();
        out.close();
        assertThrows(IOException.class, () -> out.write("more than sixteen bytes, so the buffer must be handed on"));
    }

    private static byte[] utf8Out(String text, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Out out = new Utf8Out(bytes, size)) {
            // whole strings, single characters and slices, as the writers use it
            out.write(text, 0, text.length() / 2);
            for (int i = text.length() / 2; i < text.length() * 3 / 4; i++) {
                out.write(text.charAt(i));
            }
            char[] rest = text.substring(text.length() * 3 / 4).toCharArray();
            out.write(rest, 0, rest.length);
        }
        return bytes.toByteArray();
    }

    /** The string written whole, twice (the fast path for short strings, and across a full buffer). */
    private static byte[] whole(String text, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Out out = new Utf8Out(bytes, size)) {
            out.write(text);
            out.write(text);
        }
        return bytes.toByteArray();
    }

    /** The string written twice as one char array, as the CSV generator hands on its buffer. */
    private static byte[] chars(String text, int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Utf8Out out = new Utf8Out(bytes, size)) {
            char[] twice = (text + text).toCharArray();
            out.write(twice, 0, twice.length);
        }
        return bytes.toByteArray();
    }

    private static byte[] reference(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write(text);
        }
        return bytes.toByteArray();
    }

    private static List<String> concat(List<String> samples, String more) {
        List<String> all = new java.util.ArrayList<>(samples);
        all.add(more);
        return all;
    }
}

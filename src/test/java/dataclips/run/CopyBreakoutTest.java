package dataclips.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.AppFixture;
import dataclips.Http;
import dataclips.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A download wraps the clip's SQL in {@code COPY (…) TO STDOUT} (issue 32). SQL that tries to close that parenthesis
 * itself, to choose another format or a program, is not a statement of its own, so the describe before the COPY
 * refuses it with the database's syntax error; a parenthesis inside a comment or a string stays there.
 */
class CopyBreakoutTest {
    @RegisterExtension
    static final AppFixture app = new AppFixture();

    @Test
    void sqlThatClosesTheCopysParenthesisIsASyntaxError() {
        Path program = Path.of("/tmp/dataclips-copy-breakout");
        refused("select 1 as a) to stdout with (format binary) --");
        refused("select 1 as a) to program 'touch " + program + "'; --");
        refused("select 1 as a) to stdout; copy (select 2 as b");
        assertFalse(Files.exists(program), "no program ran");
    }

    @Test
    void aParenthesisInACommentOrAStringStaysThere() {
        assertEquals("a\r\n1\r\n", csv("select 1 as a -- ) to stdout with (format binary)"));
        assertEquals("a\r\n1\r\n", csv("select 1 as a /* ) to program 'touch /tmp/x' */"));
        assertEquals("a\r\n)\r\n", csv("select ')' as a"));
        assertEquals("a\r\n) to stdout --\r\n", csv("select $q$) to stdout --$q$ as a"));
    }

    private static void refused(String sql) {
        Http.Response r = download(sql);
        assertEquals(422, r.status(), sql + ": " + r.body());
        assertTrue(r.body().contains("syntax error"), sql + ": " + r.body());
        assertFalse(r.body().contains("PGCOPY"), "no binary COPY output: " + r.body());
    }

    private static String csv(String sql) {
        Http.Response r = download(sql);
        assertEquals(200, r.status(), sql + ": " + r.body());
        return r.body();
    }

    /** A clip whose stored SQL is exactly this (past the save checks), downloaded by its link. */
    private static Http.Response download(String sql) {
        String slug = app.slug("copy breakout", "select 1 as a");
        TestDatabase.forceClipSql(slug, sql);
        return app.http().get("/clips/" + slug + ".csv");
    }
}

package dataclips.export;

/** Hostile text and column names PostgreSQL can hold, for tests that read them from the follower in any package. */
public final class HostileText {
    /**
     * Unicode, formula-looking text, control characters, characters XML cannot carry, hostile and duplicate column
     * names, NULL next to ''.
     */
    public static final String SQL = "select * from (values "
            + "(1, 'Grüße 日本語 🙂 é', '=1+1', '-1', -1, E'a\\nb', E'a\\rb', E'a\\r\\nb', 'x,y', 'say \"hi\"', ''),"
            + "(2, '+SUM(A1)', '@cmd', E'\\tlead', -2.5, E'\\rlead', 'a' || chr(1) || chr(31) || chr(127) || chr(133),"
            + " chr(65534) || chr(65535) || chr(65533), ']]> &amp; <![CDATA[', '<b>&</b>', null),"
            + "(3, null, '', ' ', null, '#comment', '\"', '''', E'\\\\', 'trailing ', E'\\n')"
            + ") t(id, \"a b\", \"<b>&amp;\", \"say \"\"hi\"\"\", \"=1+1\", \"two\nlines\", \"tab\there\", \"dup\", \"dup\", "
            + "\"Grüße 日本 🙂\", \"-n\")";

    private HostileText() {}
}

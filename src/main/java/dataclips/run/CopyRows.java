package dataclips.run;

import dataclips.export.RowBytes;
import dataclips.sources.FollowerPools;
import java.io.IOException;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutorBase;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The rows of a {@code COPY (…) TO STDOUT} in text format, as a {@link CursorReader.Source}: PostgreSQL formats
 * every value as for a cursor (the same output functions, settings and encoding), and the app only splits lines.
 * pgjdbc's CopyManager starts the COPY and handles everything but the rows; the rows (one CopyData message each,
 * as the protocol has it) are read here straight from the connection's stream into one reused buffer, because
 * pgjdbc's own readFromCopy allocates each message whole, whatever its size, where a cursor's fetch is refused
 * beyond maxResultBuffer before it is read: here a fetch's worth of rows (up to {@value ClipRunner#FETCH_SIZE}, or
 * one row) beyond {@link FollowerPools#MAX_FETCH_BYTES} is refused the same way, before its bytes are read.
 */
final class CopyRows implements CursorReader.Source<RowBytes> {
    private static final Field PG_STREAM = pgStreamField();
    private static final int COPY_DATA = 'd';
    private static final int KEPT_BUFFER = 1 << 20;
    private final CopyOut copy;
    private final PGStream stream;
    private final int columns;
    private final boolean decode;
    private byte[] row = new byte[8192];
    private long fetchBytes;
    private int fetchRows;
    /** The protocol is back between statements: the COPY ended, or the follower ended it with an error. */
    private boolean settled;

    private CopyRows(CopyOut copy, PGStream stream, int columns, boolean decode) {
        this.copy = copy;
        this.stream = stream;
        this.columns = columns;
        this.decode = decode;
    }

    /** Whether this pgjdbc lets the rows be read as above; if not, every run takes the cursor. */
    static boolean available() {
        return PG_STREAM != null;
    }

    /**
     * Starts the COPY (its errors before the first row are thrown here, as a cursor's would be). decode: each row's
     * text is made here, on the reading thread, for a writer that needs it.
     */
    static CopyRows start(Connection c, String copySql, int columns, boolean decode) throws SQLException {
        BaseConnection base = c.unwrap(BaseConnection.class);
        PGStream stream;
        try {
            stream = (PGStream) PG_STREAM.get(base.getQueryExecutor());
        } catch (IllegalAccessException e) {
            throw new SQLException("cannot read the follower's COPY stream: " + e.getMessage(), e);
        }
        return new CopyRows(new CopyManager(base).copyOut(copySql), stream, columns, decode);
    }

    /** Whether the COPY is over (else the connection is in the middle of it and must not be used again). */
    boolean settled() {
        return settled;
    }

    @Override
    public RowBytes next() throws SQLException {
        try {
            while (stream.peekChar() != COPY_DATA) {
                byte[] other = readByPgjdbc(); // notices, the end and errors (thrown here)
                if (other == null) {
                    settled = true;
                    return null;
                }
                return decode(other, other.length); // not expected: pgjdbc read a row itself
            }
            stream.receiveChar();
            int length = stream.receiveInteger4() - 4;
            count(length);
            if (row.length < length) {
                row = new byte[Math.max(length, Math.min(2 * row.length, Integer.MAX_VALUE - 8))];
            }
            stream.receive(row, 0, length);
            RowBytes values = decode(row, length);
            if (row.length > KEPT_BUFFER) {
                row = new byte[8192]; // one long row does not keep its buffer for the rest of the run
            }
            return values;
        } catch (IOException e) {
            throw new SQLException("the follower's connection failed while sending rows: " + e.getMessage(),
                    PSQLState.CONNECTION_FAILURE.getState(), e);
        }
    }

    private byte[] readByPgjdbc() throws SQLException {
        try {
            return copy.readFromCopy();
        } catch (PSQLException e) {
            settled = e.getServerErrorMessage() != null; // the follower's error: pgjdbc has read up to its end
            throw e;
        }
    }

    private RowBytes decode(byte[] bytes, int length) throws SQLException {
        RowBytes values = CopyText.row(bytes, length, columns);
        if (values == null) {
            throw new SQLException("the follower sent a COPY row that does not have " + columns + " columns",
                    PSQLState.PROTOCOL_VIOLATION.getState());
        }
        if (decode) {
            values.strings();
        }
        return values;
    }

    /** A fetch's worth of rows, as maxResultBuffer counts a cursor's (ResultTooLarge tells it by that word). */
    private void count(int length) throws SQLException {
        if (fetchRows == ClipRunner.FETCH_SIZE) {
            fetchRows = 0;
            fetchBytes = 0;
        }
        fetchRows++;
        fetchBytes += length;
        if (fetchBytes > FollowerPools.MAX_FETCH_BYTES) {
            throw new SQLException("rows of " + fetchBytes + " bytes in one fetch exceed maxResultBuffer ("
                    + FollowerPools.MAX_FETCH_BYTES + " bytes)", PSQLState.OUT_OF_MEMORY.getState());
        }
    }

    /** pgjdbc keeps the stream in a protected field of its query executor, with no getter. */
    private static Field pgStreamField() {
        try {
            Field field = QueryExecutorBase.class.getDeclaredField("pgStream");
            field.setAccessible(true);
            return field.getType() == PGStream.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

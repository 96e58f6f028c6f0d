package dataclips.run;

import dataclips.export.RowBytes;
import dataclips.sources.FollowerPools;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutorBase;
import org.postgresql.core.VisibleBufferedInputStream;
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
    private static final Field PG_STREAM = field(QueryExecutorBase.class, "pgStream", PGStream.class);
    private static final Field PG_INPUT = field(PGStream.class, "pgInput", VisibleBufferedInputStream.class);
    private static final int COPY_DATA = 'd';
    private static final int KEPT_BUFFER = 1 << 20;
    private final CopyOut copy;
    private final PGStream stream;
    private final VisibleBufferedInputStream input;
    private final int columns;
    private final boolean decode;
    private byte[] row = new byte[8192];
    private long fetchBytes;
    private int fetchRows;
    /** The protocol is back between statements: the COPY ended, or the follower ended it with an error. */
    private boolean settled;

    private CopyRows(CopyOut copy, PGStream stream, VisibleBufferedInputStream input, int columns, boolean decode) {
        this.copy = copy;
        this.stream = stream;
        this.input = input;
        this.columns = columns;
        this.decode = decode;
    }

    /** Whether this pgjdbc lets the rows be read as above; if not, every run takes the cursor. */
    static boolean available() {
        return PG_STREAM != null && PG_INPUT != null;
    }

    /**
     * Starts the COPY (its errors before the first row are thrown here, as a cursor's would be). decode: each row's
     * text is made here, on the reading thread, for a writer that needs it.
     */
    static CopyRows start(Connection c, String copySql, int columns, boolean decode) throws SQLException {
        BaseConnection base = c.unwrap(BaseConnection.class);
        PGStream stream;
        VisibleBufferedInputStream input;
        try {
            stream = (PGStream) PG_STREAM.get(base.getQueryExecutor());
            input = (VisibleBufferedInputStream) PG_INPUT.get(stream);
        } catch (IllegalAccessException e) {
            throw new SQLException("cannot read the follower's COPY stream: " + e.getMessage(), e);
        }
        return new CopyRows(new CopyManager(base).copyOut(copySql), stream, input, columns, decode);
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
            throw lost(e);
        }
    }

    /**
     * Whether the next message is here, or comes within the given time. A row can be cut by the follower's 8 KB
     * packets, so its whole message must be in (up to what the input buffer holds without growing): its first byte
     * alone would leave {@link #next} waiting for the rest. The reads have a socket timeout, as in pgjdbc's own
     * hasMessagePending, and what they bring stays in the buffer for {@link #next}. A connection that ended answers yes:
     * next() then fails as a lost connection, before the first row if it is one.
     */
    @Override
    public boolean comesWithin(int millis) throws SQLException {
        try {
            int before = stream.getNetworkTimeout();
            stream.setNetworkTimeout(millis);
            try {
                return messageInBuffer();
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                stream.setNetworkTimeout(before);
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private boolean messageInBuffer() throws IOException {
        if (!input.ensureBytes(5)) {
            return true;
        }
        byte[] buffer = input.getBuffer();
        int at = input.getIndex();
        if (buffer[at] != COPY_DATA) {
            return true; // the end, a notice or an error: pgjdbc reads those
        }
        int length = ((buffer[at + 1] & 0xff) << 24) | ((buffer[at + 2] & 0xff) << 16) | ((buffer[at + 3] & 0xff) << 8)
                | (buffer[at + 4] & 0xff);
        // wanting more than the buffer's length less 1 KB, the stream would double its buffer for good, not compact it
        input.ensureBytes((int) Math.min(1L + length, buffer.length - 2048));
        return true;
    }

    private static SQLException lost(IOException e) {
        return new SQLException("the follower's connection failed while sending rows: " + e.getMessage(),
                PSQLState.CONNECTION_FAILURE.getState(), e);
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

    /**
     * pgjdbc keeps the stream in a protected field of its query executor, and the stream its input buffer in a private
     * one, with no getters; null when this pgjdbc has them no longer.
     */
    private static Field field(Class<?> owner, String name, Class<?> type) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.getType() == type ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

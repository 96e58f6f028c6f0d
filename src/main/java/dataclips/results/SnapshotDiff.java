package dataclips.results;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.export.Column;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Compares two snapshots of a clip by full row, as multisets: rows of "from" that "to" lacks are removed,
 * rows of "to" that "from" lacks are added (an updated row is one of each). Neither snapshot is ever held:
 * <ol>
 *   <li>each is replayed once into a long[] of row digests ({@link RowDigest}, 8 bytes a row);</li>
 *   <li>both arrays are sorted and merged in place into the unmatched digests ({@link DigestDifference}),
 *       which gives the exact counts;</li>
 *   <li>each side with unmatched rows is replayed again until its first {@link #SHOWN} unmatched rows are
 *       found ({@link UnmatchedRows}), then the replay stops.</li>
 * </ol>
 * Memory: 8 bytes per row of both snapshots while a comparison runs, plus the rows shown (at most
 * {@link #SHOWN} a side, and they stop at {@link #SHOWN_CHARS} characters). Each side may hold at most
 * {@link #MAX_ROWS_PER_SIDE} rows (160 MB for two such sides), and all comparisons running at once share
 * a budget of a quarter of the heap: a comparison waits for its share, up to 30 s, then answers 503.
 *
 * <p>The digests are 64-bit, keyed afresh per comparison: two different rows collide with a chance of
 * about n²/2⁶⁵ (under 10⁻⁵ at 10 million rows a side), and only by chance, never by design.
 */
public final class SnapshotDiff {
    public static final long MAX_ROWS_PER_SIDE = 10_000_000;
    public static final int SHOWN = 500;
    static final long SHOWN_CHARS = 4_000_000;
    private static final long WAIT_SECONDS = 30;
    private final Results results;
    private final int budgetRows;
    /** Rows' worth of digest memory free for comparisons (one permit = one row = 8 bytes). */
    private final Semaphore budget;

    public SnapshotDiff(Results results) {
        this.results = results;
        this.budgetRows = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 4 / Long.BYTES);
        this.budget = new Semaphore(this.budgetRows, true);
    }

    /** Both ids must be snapshots of this clip (404 otherwise) with the same columns (422 otherwise). */
    public SnapshotComparison compare(Clip clip, long fromId, long toId) {
        StoredResult from = snapshot(clip, fromId, "from");
        StoredResult to = snapshot(clip, toId, "to");
        requireSameColumns(from, to);
        requireBounded(from);
        requireBounded(to);
        int rows = Math.toIntExact(from.rowCount() + to.rowCount());
        if (rows > budgetRows) {
            throw new UserError(422, "too_large", String.format("these snapshots hold %,d rows together; this server "
                    + "compares at most %,d at a time (8 bytes a row, a quarter of its memory)", rows, budgetRows));
        }
        reserve(rows);
        try {
            RowDigest digest = RowDigest.withRandomKey();
            DigestDifference difference = DigestDifference.of(digests(from, digest), digests(to, digest));
            List<String[]> removed = firstUnmatched(from, difference.removed(), digest);
            List<String[]> added = firstUnmatched(to, difference.added(), digest);
            return new SnapshotComparison(from, to, from.columns(), difference.removed().count(),
                    difference.added().count(), removed, added, SHOWN);
        } finally {
            budget.release(rows);
        }
    }

    /** The snapshot, or a 404 that names the id (another clip's snapshot is as unknown as a made-up id). */
    private StoredResult snapshot(Clip clip, long id, String side) {
        try {
            return results.snapshot(clip, id);
        } catch (UserError e) {
            throw e.status() == 404 ? UserError.notFound("snapshot " + id + " (\"" + side + "\") of this clip") : e;
        }
    }

    private long[] digests(StoredResult snapshot, RowDigest digest) {
        RowDigests pass = new RowDigests(snapshot, digest);
        replay(snapshot, pass);
        return pass.digests();
    }

    private List<String[]> firstUnmatched(StoredResult snapshot, DigestDifference.Unmatched unmatched, RowDigest digest) {
        UnmatchedRows pass = new UnmatchedRows(unmatched, digest, SHOWN, SHOWN_CHARS);
        if (!pass.done()) {
            replay(snapshot, pass);
        }
        return pass.kept();
    }

    private void replay(StoredResult snapshot, ResultWriter pass) {
        try {
            results.replay(snapshot, pass);
        } catch (CorruptResult e) {
            // A snapshot is kept until someone deletes it, so unlike a live result it is not dropped here.
            throw new UserError(500, "snapshot_damaged", "snapshot " + snapshot.id() + " is damaged and cannot be "
                    + "compared: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reserve(int rows) {
        try {
            if (!budget.tryAcquire(rows, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new UserError(503, "busy", "other comparisons are using the memory set aside for comparing "
                        + "snapshots; try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(503, "busy", "the comparison was interrupted; try again");
        }
    }

    private static void requireSameColumns(StoredResult from, StoredResult to) {
        if (!shape(from.columns()).equals(shape(to.columns()))) {
            throw new UserError(422, "columns_differ", "columns differ: snapshot " + from.id() + " has ("
                    + described(from.columns()) + "), snapshot " + to.id() + " has (" + described(to.columns())
                    + "); compare snapshots of the same shape");
        }
    }

    /** What rows are compared by: the columns' names and types, in order (not the derived kind). */
    private static List<String> shape(List<Column> columns) {
        return columns.stream().map(c -> c.name() + "\u0000" + c.pgType()).toList();
    }

    private static String described(List<Column> columns) {
        String shown = columns.stream().limit(12).map(c -> "\"" + c.name() + "\" " + c.pgType())
                .collect(Collectors.joining(", "));
        return columns.size() > 12 ? shown + ", … " + (columns.size() - 12) + " more" : shown;
    }

    private static void requireBounded(StoredResult snapshot) {
        if (snapshot.rowCount() > MAX_ROWS_PER_SIDE) {
            throw new UserError(422, "too_large", String.format("snapshot %d holds %,d rows; snapshots of at most "
                    + "%,d rows can be compared", snapshot.id(), snapshot.rowCount(), MAX_ROWS_PER_SIDE));
        }
    }
}

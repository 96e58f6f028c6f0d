package dataclips.results;

import dataclips.clips.Clip;
import dataclips.export.ResultWriter;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;

/**
 * Stored results (DESIGN.md decision 5): every complete run of a clip is kept, and "now" serves the newest
 * one while it is younger than the clip's max age.
 */
public final class Results {
    private final ResultStore store;
    /** Deflates and inserts chunks beside the streams that produce them; idle threads end after 30 s. */
    private final ThreadPoolExecutor chunkWriters = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "result-chunk-writer");
                t.setDaemon(true);
                return t;
            });

    public Results(DSLContext db) {
        this.store = new ResultStore(db);
        chunkWriters.allowCoreThreadTimeOut(true);
    }

    /** The clip's newest result of its current version younger than its max age; none when max age is 0. */
    public Optional<StoredResult> fresh(Clip clip) {
        if (clip.maxAgeSeconds() == 0) {
            return Optional.empty();
        }
        return store.newest(clip.id(), clip.version(), clip.maxAgeSeconds());
    }

    /** A writer that stores what a run of this clip streams; complete or abort it when the run ends. */
    public ResultRecorder recorder(Clip clip, String madeBy) {
        return new ResultRecorder(store, chunkWriters, new ResultRecorder.Origin(clip.id(), clip.version(), madeBy));
    }

    public void replay(StoredResult result, ResultWriter writer) throws IOException {
        ResultReplay.replay(store, result, writer);
    }

    /** Removes a damaged result, so the next request runs the clip instead of failing again. */
    public void drop(StoredResult result) {
        store.delete(result.id());
    }
}

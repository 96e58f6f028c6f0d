package dataclips.serving;

import dataclips.UserError;
import dataclips.export.ResultWriter;
import dataclips.results.CorruptResult;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A stored result to replay, and why it is the answer (the X-Result header and the page's "from" line say it). */
public final class Stored implements Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Stored.class);
    private final Results results;
    private final StoredResult result;
    private final How how;

    /** PINNED: the clip's pinned snapshot; SCHEDULED: its newest scheduled one; STORED: a fresh live result. */
    public enum How {
        PINNED, SCHEDULED, STORED, SNAPSHOT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Stored(Results results, StoredResult result, How how) {
        this.results = results;
        this.result = result;
        this.how = how;
    }

    public StoredResult result() {
        return result;
    }

    public How how() {
        return how;
    }

    /**
     * Streams the stored rows, each chunk checked before its rows are written. A damaged result is never served:
     * a live one is dropped, so the next request runs the clip again; a snapshot, which cannot be made again, is
     * kept for its owner to see. Either is a 500 result_damaged (after the first byte the caller breaks the
     * connection). IOException: the viewer went away.
     */
    public void replay(ResultWriter writer) throws IOException {
        try {
            results.replay(result, writer);
        } catch (CorruptResult e) {
            writer.abort();
            LOG.error("stored result {} of clip {} is damaged and was not served: {}", result.id(), result.clipId(),
                    e.getMessage());
            boolean drop = !result.kind().isSnapshot();
            if (drop) {
                results.drop(result);
            }
            throw new UserError(500, "result_damaged", "the stored result is damaged (" + e.getMessage() + "); "
                    + (drop ? "it was not served and has been removed, so the next request runs the clip again"
                    : "this snapshot cannot be shown or downloaded"));
        }
    }

    @Override
    public void close() {
        // nothing held: the result is complete and stays
    }
}

package dataclips.serving;

import dataclips.UserError;
import dataclips.export.ResultWriter;
import dataclips.results.CorruptResult;
import dataclips.results.RenderedCopies;
import dataclips.results.Results;
import dataclips.results.StoredResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A stored result to replay, and why it is the answer (the X-Result header and the page's "from" line say it). */
public final class Stored implements Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Stored.class);
    private final Results results;
    private final RenderedCopies copies;
    private final StoredResult result;
    private final How how;

    /** PINNED: the clip's pinned snapshot; SCHEDULED: its newest scheduled one; STORED: a fresh live result. */
    public enum How {
        PINNED, SCHEDULED, STORED, SNAPSHOT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Stored(Results results, RenderedCopies copies, StoredResult result, How how) {
        this.results = results;
        this.copies = copies;
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

    /** This download as this instance rendered it before (variant: "csv", "csv-bom", "json.gz", …), checked. */
    public Optional<RenderedCopies.Copy> rendered(String variant) {
        return copies.find(result.checksum(), variant);
    }

    /** Sends to out and keeps what passes, for the next download of this variant; end it with {@link #finished}. */
    public OutputStream keeping(String variant, OutputStream out) {
        return copies.keeper(variant, out);
    }

    /** The download written through {@link #keeping} ended: kept when it completed (and was closed), else dropped. */
    public void finished(OutputStream keeper, boolean completed) {
        copies.finish(keeper, completed ? Optional.ofNullable(result.checksum()) : Optional.empty());
    }

    @Override
    public void close() {
        // nothing held: the result is complete and stays
    }
}

package dataclips.serving;

import dataclips.UserError;
import dataclips.export.ResultWriter;
import dataclips.results.CorruptResult;
import dataclips.results.FlightTail;
import dataclips.results.Results;
import java.io.IOException;

/**
 * Another request's run of the clip, begun (its columns are known), which this request joins: it reads the rows as they
 * are stored.
 */
public final class Joined implements Outcome {
    private final FlightTail tail;

    Joined(FlightTail tail) {
        this.tail = tail;
    }

    /**
     * Streams the shared run's rows as they are stored: COMPLETE with the run's facts, or VANISHED after the first
     * byte (its leader failed or its instance stopped). IOException: the viewer went away; a damaged chunk is a
     * 500 result_damaged.
     */
    public Results.SharedRunEnd stream(ResultWriter writer) throws IOException {
        try {
            return tail.stream(writer);
        } catch (CorruptResult e) {
            writer.abort();
            throw new UserError(500, "result_damaged", "the shared run's stored rows are damaged (" + e.getMessage() + ")");
        } finally {
            tail.close();
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}

package dataclips.delivery;

import dataclips.UserError;
import dataclips.clips.Clip;
import dataclips.export.Column;
import dataclips.export.ResultInfo;
import dataclips.export.ResultWriter;
import dataclips.results.Results;
import dataclips.results.SnapshotComparison;
import dataclips.results.SnapshotDiff;
import dataclips.results.StoredResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for one new snapshot, whether each subscription fires: the comparison with the previous snapshot of the same
 * values (the snapshot diff, made once whatever the number of subscriptions asking) and each distinct column condition
 * (one replay that stops at the first matching row).
 */
final class Conditions {
    private final Results results;
    private final SnapshotDiff diff;
    private final Clip clip;
    private final StoredResult snapshot;
    private Decision changed;
    private final Map<Condition, Boolean> matched = new HashMap<>();

    Conditions(Results results, SnapshotDiff diff, Clip clip, StoredResult snapshot) {
        this.results = results;
        this.diff = diff;
        this.clip = clip;
        this.snapshot = snapshot;
    }

    Decision decide(Subscription s) {
        return switch (s.fires()) {
            case ALWAYS -> Decision.fire(Optional.empty());
            case ROWS -> snapshot.rowCount() > 0 ? Decision.fire(Optional.empty()) : Decision.skip("the snapshot has no rows");
            case CHANGED -> changed();
            case CONDITION -> matched.computeIfAbsent(s.condition().orElseThrow(), this::anyRow)
                    ? Decision.fire(Optional.empty())
                    : Decision.skip("no row has " + s.condition().orElseThrow().describe());
        };
    }

    private Decision changed() {
        if (changed == null) {
            Optional<StoredResult> previous = results.snapshots(clip).stream()
                    .filter(r -> r.startedAt().isBefore(snapshot.startedAt()) || r.startedAt().isEqual(snapshot.startedAt())
                            && r.id() < snapshot.id())
                    .filter(r -> r.parameters().equals(snapshot.parameters())).findFirst();
            changed = previous.map(this::compare).orElseGet(() -> Decision.fire(Optional.empty())); // the first counts
        }
        return changed;
    }

    private Decision compare(StoredResult previous) {
        try {
            SnapshotComparison c = diff.compare(clip, previous.id(), snapshot.id());
            return c.unchanged() ? Decision.skip("unchanged since snapshot " + previous.id())
                    : Decision.fire(Optional.of(new Delivery.Changes(c.addedCount(), c.removedCount())));
        } catch (UserError e) {
            if (e.code().equals("columns_differ")) {
                return Decision.fire(Optional.empty()); // other columns: changed, with no row counts to give
            }
            throw e;
        }
    }

    private boolean anyRow(Condition condition) {
        Scan scan = new Scan(condition);
        try {
            results.replay(snapshot, scan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scan.found;
    }

    /** Reads rows until one meets the condition. */
    private static final class Scan implements ResultWriter {
        private final Condition condition;
        private Column column;
        private int index = -1;
        private boolean found;

        Scan(Condition condition) {
            this.condition = condition;
        }

        @Override
        public void begin(List<Column> columns, ResultInfo info) {
            condition.indexIn(columns).ifPresent(i -> {
                index = i;
                column = columns.get(i);
            });
        }

        @Override
        public boolean row(String[] values) {
            found = index >= 0 && condition.matches(column, values[index]);
            return index >= 0 && !found;
        }

        @Override
        public void finish(boolean truncated) {}

        @Override
        public boolean readsEveryRow() {
            return false;
        }
    }
}

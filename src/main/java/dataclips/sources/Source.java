package dataclips.sources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** A registered database: clips run on its followers; the optional primary is only asked for its WAL position. */
public record Source(long id, String name, Optional<PostgresUrl> primary, List<Follower> followers,
                     int statementTimeoutSeconds, int maxLagSeconds, OffsetDateTime createdAt) {

    /** One follower of a source, with its decrypted URL (which stays inside the app). */
    public record Follower(long id, int position, PostgresUrl url) {
        public String display() {
            return url.display();
        }
    }
}

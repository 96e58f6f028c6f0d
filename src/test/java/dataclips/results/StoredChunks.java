package dataclips.results;

import dataclips.TestCluster;
import dataclips.embedded.EmbeddedCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct access to the result store's tables, to damage a chunk or count what a clip has stored (public for the
 * serving tests, which see the store from the package above it).
 */
public final class StoredChunks {
    /** How long a follower's mark on a shared run counts ({@link JoinBeacon#STALE_SECONDS}, package-private). */
    public static final int JOINED_STALE_SECONDS = JoinBeacon.STALE_SECONDS;

    private StoredChunks() {}

    /**
     * Replaces a chunk of the clip's newest result with its neighbour's bytes: valid deflate and valid rows,
     * just not the rows that belong there, the damage only a checksum can see.
     */
    public static void corrupt(String slug, int seq) {
        update("update result_chunks k set data = (select o.data from result_chunks o where o.result_id = k.result_id "
                + "and o.seq = case when k.seq = 0 then 1 else k.seq - 1 end) "
                + "where k.seq = ? and k.result_id = (select r.id from results r join clips c on c.id = r.clip_id "
                + "where c.slug = ? order by r.started_at desc limit 1)", seq, slug);
    }

    /** Complete results of the clip. */
    public static int results(String slug) {
        return count(slug, "r.state = 'complete'");
    }

    /** Results of the clip in any state: complete, or being written, or left half-written. */
    public static int resultsInAnyState(String slug) {
        return count(slug, "true");
    }

    private static int count(String slug, String condition) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement("select count(*) from results r join clips c on c.id = r.clip_id "
                     + "where c.slug = ? and " + condition)) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(String sql, int seq, String slug) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, seq);
            s.setString(2, slug);
            if (s.executeUpdate() != 1) {
                throw new AssertionError("no chunk " + seq + " for clip " + slug);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connection() throws SQLException {
        return TestCluster.get().superuserConnection(EmbeddedCluster.METADATA_DATABASE);
    }
}

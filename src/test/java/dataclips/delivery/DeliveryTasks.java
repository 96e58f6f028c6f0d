package dataclips.delivery;

import dataclips.TestCluster;
import dataclips.embedded.EmbeddedCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The delivery queue's executions (db-scheduler's delivery_tasks), read past the app. */
final class DeliveryTasks {
    private DeliveryTasks() {}

    /** Whether an instance is running a delivery execution now (picked, not yet given back). */
    static boolean picked() {
        try (Connection c = TestCluster.get().superuserConnection(EmbeddedCluster.METADATA_DATABASE);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from delivery_tasks where picked")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

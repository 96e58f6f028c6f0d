package dataclips.web;

import dataclips.TestCluster;
import dataclips.TestDatabase;

/** What the follower is running of the editor's previews, for the cancel tests (API and browser). */
final class PreviewQueries {
    private PreviewQueries() {}

    /** Previews of {@code pg_sleep(60)} running on the follower now. */
    static int sleeps() {
        return Integer.parseInt(TestDatabase.scalar(TestCluster.get().follower(), "employees", "select count(*) from "
                + "pg_stat_activity where query like '%dataclips preview run:%' and query like '%pg_sleep(60)%' "
                + "and pid <> pg_backend_pid()"));
    }
}

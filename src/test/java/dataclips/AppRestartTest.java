package dataclips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dataclips.embedded.EmbeddedCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A later start reuses everything: users, sources and the embedded servers themselves. */
class AppRestartTest {
    @Test
    void usersAndSourcesSurviveAnAppRestartAndAFullEmbeddedRestart() {
        String email = "survivor-" + System.nanoTime() + "@test.local";
        try (TestApp app = TestApp.start()) {
            String admin = app.adminToken();
            assertEquals(201, app.http().postJson("/api/v1/users", Map.of("email", email, "password", "survivor-pw-1"),
                    Http.bearer(admin)).status());
            assertEquals(201, app.http().postJson("/api/v1/sources", Map.of("name", "survivor",
                    "followers", List.of(app.cluster().readerUrl(app.cluster().follower()))), Http.bearer(admin)).status());
        }
        try (TestApp app = TestApp.start()) {
            String token = app.token(email, "survivor-pw-1");
            assertEquals(200, app.http().get("/api/v1/sources/survivor", Http.bearer(token)).status());
        }

        EmbeddedCluster restarted = TestCluster.restart();
        assertFalse(restarted.created(), "a later start reuses the servers instead of creating them");
        try (TestApp app = TestApp.start()) {
            String token = app.token(email, "survivor-pw-1");
            Http.Response source = app.http().get("/api/v1/sources/survivor", Http.bearer(token));
            assertEquals(200, source.status());
            assertTrue(source.json().at("/followers/0/healthy").asBoolean(), source.body());
            app.http().delete("/api/v1/sources/survivor", Http.bearer(app.adminToken()));
        }
    }
}

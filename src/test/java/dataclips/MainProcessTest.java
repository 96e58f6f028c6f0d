package dataclips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** `java … dataclips.App` as a separate process: bad starts print one clear line and exit non-zero. */
class MainProcessTest {
    private record Exit(int code, String stderr) {}

    private static Exit run(Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "dataclips.App"));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process should exit by itself");
        return new Exit(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void anInvalidSettingStopsTheStartWithOneLineNamingIt() throws Exception {
        Exit exit = run(Map.of("PORT", "eighty"));
        assertEquals(1, exit.code());
        assertEquals("dataclips: PORT=eighty is invalid: expected a TCP port from 1 to 65535 (0 picks a free one)", exit.stderr());
    }

    @Test
    void passwordSignInOffWithoutTheAdministratorsAccountIsRefused() throws Exception {
        Exit exit = run(Map.of("DATACLIPS_PASSWORD_SIGNIN", "false", "DATACLIPS_OIDC_ISSUER", "https://sso.example.com",
                "DATACLIPS_OIDC_CLIENT_ID", "dataclips", "DATACLIPS_OIDC_CLIENT_SECRET", "s3cret-value"));
        assertEquals(1, exit.code());
        assertEquals("dataclips: DATACLIPS_PASSWORD_SIGNIN=false is invalid: needs DATACLIPS_ADMIN_EMAIL and "
                + "DATACLIPS_ADMIN_PASSWORD: that admin keeps signing in with a password when the identity provider cannot "
                + "be used", exit.stderr());
    }

    @Test
    void aHomeLockedByARunningInstanceIsRefused() throws Exception {
        TestCluster.get(); // holds the lock on its home
        Exit exit = run(Map.of("PORT", "0", "DATACLIPS_HOME", TestCluster.HOME.toString()));
        assertEquals(1, exit.code());
        assertTrue(exit.stderr().contains("is in use by another running Dataclips instance"), exit.stderr());
        assertTrue(TestCluster.get().primary().running(), "the running pair is untouched");
    }
}

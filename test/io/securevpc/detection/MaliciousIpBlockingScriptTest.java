package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the automation script that blocks malicious IPs in a tier's NACL (BP-NET-5, BP-MON-5): its
 * Python unit tests of the runbooks' scripts ({@code test_malicious_ip_blocking.py}, {@code test_world_open_ingress.py};
 * standard library only, fake EC2/SSM/SNS clients) run
 * here so that {@code mvn verify} runs them.
 */
class MaliciousIpBlockingScriptTest {
    /** The runbook runs on SSM's Python 3.11 runtime; the tests need at least that version locally. */
    static final String MINIMUM_PYTHON = "3.11";

    @Test
    void pythonUnitTestsOfTheScriptPass() throws IOException, InterruptedException {
        requirePython();
        Process process = new ProcessBuilder(List.of("python3", "-B", "-m", "unittest", "discover",
                "-s", "test/io/securevpc/detection", "-p", "test_*.py", "-v"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "python3 did not finish:\n" + output);
        assertEquals(0, process.exitValue(), "python3 -m unittest failed:\n" + output);
        assertTrue(output.contains("\nOK"), output);
        assertTrue(output.contains("test_split_halves_of_ipv4_on_ssh_are_both_revoked")
                && output.contains("test_running_twice_revokes_nothing_the_second_time"), "both scripts' tests ran:\n"
                + output);
    }

    /** Fails with what to install, not with a Python syntax error, when python3 is missing or too old. */
    private static void requirePython() throws InterruptedException {
        String version;
        try {
            Process p = new ProcessBuilder(List.of("python3", "-c",
                    "import sys; print('%d.%d' % sys.version_info[:2])")).redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("python3 " + MINIMUM_PYTHON + " or newer is required by the tests of the "
                    + "malicious-IP blocking script, and no python3 is on the PATH: " + e.getMessage(), e);
        }
        String[] parts = version.split("\\.");
        boolean recent = parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")
                && (Integer.parseInt(parts[0]) > 3
                || Integer.parseInt(parts[0]) == 3 && Integer.parseInt(parts[1]) >= 11);
        assertTrue(recent, "python3 " + MINIMUM_PYTHON + " or newer is required by the tests of the malicious-IP "
                + "blocking script; python3 on the PATH is " + version);
    }

    @Test
    void theScriptIsPackagedWhereTheConstructReadsIt() {
        String script = MaliciousIpBlocking.script();
        assertTrue(script.contains("def handler(events, context):"), script);
    }
}

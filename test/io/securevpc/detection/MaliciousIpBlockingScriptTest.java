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
 * Python unit tests ({@code test_malicious_ip_blocking.py}, standard library only, fake EC2/SSM/SNS clients) run
 * here so that {@code mvn verify} runs them.
 */
class MaliciousIpBlockingScriptTest {
    @Test
    void pythonUnitTestsOfTheScriptPass() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("python3", "-B", "-m", "unittest", "discover",
                "-s", "test/io/securevpc/detection", "-p", "test_malicious_ip_blocking.py", "-v"))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "python3 did not finish:\n" + output);
        assertEquals(0, process.exitValue(), "python3 -m unittest failed:\n" + output);
        assertTrue(output.contains("\nOK"), output);
    }

    @Test
    void theScriptIsPackagedWhereTheConstructReadsIt() {
        String script = MaliciousIpBlocking.script();
        assertTrue(script.contains("def handler(events, context):"), script);
    }
}

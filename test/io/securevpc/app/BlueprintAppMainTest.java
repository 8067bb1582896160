package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * What `cdk synth` shows of an invalid configuration: the app's {@code main} prints the problems once, to stderr,
 * with no stack trace, exits non-zero, and writes no cloud assembly.
 */
class BlueprintAppMainTest {
    private static String runWith(final Map<String, Object> blueprint, final Path outdir, final int expectedStatus) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BlueprintApp.run(() -> App.Builder.create().outdir(outdir.toString())
                .context(Map.of(BlueprintConfig.CONTEXT_KEY, blueprint)).build(),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status);
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void failsAnInvalidConfigurationPrintingItsProblemsOnlyAndWritingNothing() throws IOException {
        Path outdir = Files.createTempDirectory("securevpc-main");

        String printed = runWith(Map.of("environments", List.of()), outdir, BlueprintApp.INVALID_INPUT);

        assertEquals("Invalid app configuration (1 problem):\n"
                + "  - [SVPC-020] blueprint.environments = []: a non-empty list of environments\n", printed);
        try (var files = Files.list(outdir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void failsInvalidConstructPropsPrintingTheirProblemsWithoutAStackTrace() throws IOException {
        Path outdir = Files.createTempDirectory("securevpc-main");

        String printed = runWith(Map.of("environments", List.of(Map.of("name", "tiny", "stackName", "Tiny",
                "profile", "dev", "shape", "private-only", "cidr", "10.0.0.0/28", "region", "eu-west-1",
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"),
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006")))), outdir, BlueprintApp.INVALID_INPUT);

        assertEquals("Invalid configuration of SecureVpc dev-eu-west-1/Tiny/Network (1 problem):\n"
                + "  - [SVPC-008] tiers[app].cidrMask = 22: a mask that fits: 3 subnets of /22 after the tiers before "
                + "it exceed 10.0.0.0/28 (these tiers need a VPC CIDR of /20 or larger); use larger masks, fewer "
                + "tiers or a larger VPC CIDR, and list tiers from the largest subnets to the smallest to avoid "
                + "alignment gaps\n", printed);
        try (var files = Files.walk(outdir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".template.json")).toList());
        }
    }
}

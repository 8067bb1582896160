package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.AppContext;
import io.securevpc.compliance.Acknowledgements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.s3.CfnBucket;

/**
 * The gate's cache of findings per template: a stack whose template, acknowledgements and checks are unchanged is
 * not checked again, and gets the same verdict; anything that changes what the checks would find, or an entry that
 * cannot be trusted, makes the stack checked again.
 */
class GateCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REASON = "Server access logs of this test bucket go nowhere: nothing is ever stored in it";

    /** What each synth of the tests builds: a stack that passes and one that fails both checks. */
    private record Variant(String groupDescription, boolean acknowledgeBucket) {
    }

    private static final Variant BASE = new Variant("no ingress", false);

    /** One synth's outcome: the gate's verdicts and CDK's validation report, paths relative to the output. */
    private record Outcome(ComplianceGate gate, String verdicts, JsonNode report, CacheStats stats) {
    }

    private static Outcome synth(final Variant variant, final Path cacheDir) {
        App app = AppContext.app();
        Stack passing = new Stack(app, "Passing");
        CfnSecurityGroup.Builder.create(passing, "Group").groupDescription(variant.groupDescription())
                .vpcId("vpc-12345678").build();
        Stack failing = new Stack(app, "Failing");
        CfnBucket bucket = CfnBucket.Builder.create(failing, "Bucket").build();
        bucket.addPropertyOverride("NoSuchProperty", "x"); // CloudFormation validation: an error
        if (variant.acknowledgeBucket()) {
            Acknowledgements.acknowledge(bucket, REASON, "AwsSolutions-S1");
        }
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).blueprintChecks(false)
                .report(false).verdictStream(null).cache(true).cacheDirectory(cacheDir).build(app);
        Path outdir = Path.of(app.getOutdir());

        RuntimeException e = assertThrows(RuntimeException.class, () -> gate.synth(app));

        assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
        try {
            String report = Files.readString(outdir.resolve("validation-report.json")).replace(outdir.toString(), "OUT");
            StringBuilder verdicts = new StringBuilder();
            gate.verdicts().forEach((pack, v) -> {
                verdicts.append(v.render()).append('\n');
                v.violations().forEach(x -> x.getViolatingResources().forEach(r -> verdicts.append(x.getRuleName())
                        .append(' ').append(x.getSeverity()).append(' ').append(r.getResourceLogicalId()).append(' ')
                        .append(r.getConstructPath()).append(' ').append(String.valueOf(r.getTemplatePath())
                                .replace(outdir.toString(), "OUT")).append('\n')));
            });
            return new Outcome(gate, verdicts.toString(), JSON.readTree(report), gate.getCacheStats());
        } catch (IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
    }

    /** The entries of the cache by kind and stack, e.g. {@code packs Failing}. */
    private static Map<String, Path> entries(final Path cacheDir) throws IOException {
        Map<String, Path> out = new HashMap<>();
        try (Stream<Path> files = Files.list(cacheDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode key = JSON.readTree(JSON.readTree(f.toFile()).path("key").asText());
                out.put(key.path("kind").asText() + " " + key.path("stack").asText(), f);
            }
        }
        return out;
    }

    @Test
    void reusesTheFindingsOfUnchangedTemplatesWithTheSameVerdictAndACachedErrorStillFailsSynth(
            @TempDir final Path cacheDir) throws IOException {
        Outcome cold = synth(BASE, cacheDir);

        Outcome warm = synth(BASE, cacheDir);

        assertEquals(new CacheStats(0, 4, 0, 0), cold.stats(), "2 stacks x (packs, CloudFormation)");
        assertEquals(4, entries(cacheDir).size());
        assertEquals(new CacheStats(4, 0, 0, 0), warm.stats());
        assertEquals(cold.verdicts(), warm.verdicts());
        assertTrue(warm.verdicts().contains("AwsSolutions-S1 error"), warm.verdicts());
        assertEquals(cold.report(), warm.report(), "CDK's validation report, CloudFormation's F3002 included");
        assertTrue(warm.report().toString().contains("F3002"), warm.report().toString());
    }

    @Test
    void checksAgainTheStackWhoseAcknowledgementsOrTemplateChanged(@TempDir final Path cacheDir) {
        Outcome cold = synth(BASE, cacheDir);

        Outcome acknowledged = synth(new Variant("no ingress", true), cacheDir);
        Outcome changed = synth(new Variant("no ingress, renamed", false), cacheDir);

        assertEquals(new CacheStats(2, 2, 0, 0), acknowledged.stats(), "Failing's two checks run again");
        assertFalse(acknowledged.verdicts().contains("AwsSolutions-S1 "), acknowledged.verdicts());
        assertTrue(cold.verdicts().contains("AwsSolutions-S1 "), cold.verdicts());
        assertEquals(new CacheStats(2, 2, 0, 0), changed.stats(), "Passing's two checks run again");
        assertEquals(cold.verdicts(), changed.verdicts());
    }

    @Test
    void ignoresACorruptedTruncatedOrForeignEntryAndChecksThatStackAgain(@TempDir final Path cacheDir)
            throws IOException {
        Outcome cold = synth(BASE, cacheDir);
        Map<String, Path> entries = entries(cacheDir);
        Files.writeString(entries.get("packs Failing"), "{\"format\": 1, \"key\": \"not json");
        byte[] whole = Files.readAllBytes(entries.get("cloudformation Failing"));
        Files.write(entries.get("cloudformation Failing"), java.util.Arrays.copyOf(whole, whole.length / 2));
        // Passing's CloudFormation entry replaced by Passing's packs entry: a valid entry of another key
        Files.copy(entries.get("packs Passing"), entries.get("cloudformation Passing"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Outcome warm = synth(BASE, cacheDir);
        Outcome again = synth(BASE, cacheDir);

        assertEquals(new CacheStats(1, 3, 3, 0), warm.stats());
        assertEquals(cold.verdicts(), warm.verdicts());
        assertEquals(cold.report(), warm.report());
        assertEquals(new CacheStats(4, 0, 0, 0), again.stats(), "rewritten");
    }

    @Test
    void rejectsAnEntryWhoseFindingsDoNotMatchTheirDigest(@TempDir final Path cacheDir) throws IOException {
        GateCache cache = new GateCache(cacheDir);
        cache.write("k", JSON.readTree("[{\"ruleName\": \"AwsSolutions-S1\", \"severity\": \"error\"}]"));
        Path file = cache.fileOf("k");
        Files.writeString(file, Files.readString(file).replace("error", "warning"));

        JsonNode read = cache.read("k");

        assertNull(read);
        assertEquals(new CacheStats(0, 1, 1, 0), cache.stats());
    }

    @Test
    void isOffWithTheContextKeyAndTheBuilderOptionOverridesIt(@TempDir final Path cacheDir) {
        App off = App.Builder.create().context(Map.of(GateCache.CONTEXT_KEY, "false")).build();
        App on = App.Builder.create().context(Map.of(GateCache.CONTEXT_KEY, false)).build();

        ComplianceGate offGate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).verdictStream(null)
                .cacheDirectory(cacheDir).build(off);
        ComplianceGate onGate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).verdictStream(null)
                .cache(true).cacheDirectory(cacheDir).build(on);

        assertNull(offGate.getCacheStats());
        assertNull(offGate.getCacheDirectory());
        assertNotNull(onGate.getCacheStats());
        assertEquals(cacheDir.toAbsolutePath().normalize(), onGate.getCacheDirectory());
    }

    @Test
    void failsOnAContextValueThatIsNotABoolean() {
        App app = App.Builder.create().context(Map.of(GateCache.CONTEXT_KEY, "sometimes")).build();

        io.securevpc.BlueprintValidationException e = assertThrows(io.securevpc.BlueprintValidationException.class,
                () -> ComplianceGate.builder().verdictStream(null).build(app));

        assertTrue(e.getMessage().contains("SVPC-023") && e.getMessage().contains(GateCache.CONTEXT_KEY)
                && e.getMessage().contains("sometimes"), e.getMessage());
    }

    @Test
    void writesNothingWhenOff(@TempDir final Path cacheDir) {
        List<String> none = List.of();
        App app = AppContext.app();
        CfnSecurityGroup.Builder.create(new Stack(app, "Passing"), "Group").groupDescription("no ingress")
                .vpcId("vpc-12345678").build();
        ComplianceGate gate = ComplianceGate.builder().profile(ComplianceGate.Profile.BASELINE).blueprintChecks(false)
                .report(false).verdictStream(null).cache(false).cacheDirectory(cacheDir).build(app);

        gate.synth(app);

        assertTrue(gate.verdicts().get("AwsSolutions").passed());
        assertEquals(none, cacheDir.toFile().list() == null ? none : List.of(cacheDir.toFile().list()));
    }
}

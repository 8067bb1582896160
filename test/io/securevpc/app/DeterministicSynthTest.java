package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.AppContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The same configuration synthesizes the same bytes in two JVMs (maps, sets and jsii callbacks may iterate in a
 * different order in each run): the app runs twice, in two child processes as {@code cdk synth} runs it, and every
 * template of the two cloud assemblies must be byte-identical. A difference would show as a change on every
 * deployment and hide real ones in review.
 */
class DeterministicSynthTest {
    @Test
    void twoSynthsInTwoJvmsWriteByteIdenticalTemplates() throws Exception {
        // GIVEN the shipped cdk.json context, as the CDK CLI hands it to the app
        String context = new ObjectMapper().writeValueAsString(AppContext.cdkJsonContext());
        // WHEN the app is synthesized by two JVMs at once
        Path first = Files.createTempDirectory("securevpc-synth-a");
        Path second = Files.createTempDirectory("securevpc-synth-b");
        Process a = synth(context, first);
        Process b = synth(context, second);
        finish(a, "first");
        finish(b, "second");
        // THEN both wrote the same templates, byte for byte
        TreeMap<String, String> one = templates(first);
        TreeMap<String, String> two = templates(second);
        assertEquals(5, one.size(), "templates of the first synth: " + one.keySet());
        assertEquals(one.keySet(), two.keySet());
        List<String> differing = new ArrayList<>();
        one.forEach((name, text) -> {
            if (!text.equals(two.get(name))) {
                differing.add(name);
            }
        });
        assertEquals(List.of(), differing);
    }

    private static Process synth(final String context, final Path outdir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BlueprintApp.class.getName()));
        pb.environment().put("CDK_CONTEXT_JSON", context);
        pb.environment().put("CDK_OUTDIR", outdir.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(outdir.resolveSibling(outdir.getFileName() + ".log").toFile());
        return pb.start();
    }

    private static void finish(final Process process, final String which) throws Exception {
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), which + " synth did not finish in 5 minutes");
        assertEquals(0, process.exitValue(), which + " synth failed (its output is beside its temporary directory)");
    }

    private static TreeMap<String, String> templates(final Path outdir) throws IOException {
        TreeMap<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(outdir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".template.json")).toList()) {
                result.put(outdir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return result;
    }
}

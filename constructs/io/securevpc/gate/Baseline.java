package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * Baseline mode: the findings an app already had when it adopted the gate, read from a committed findings file
 * (the {@value ComplianceReport#JSON_FILE} the gate writes at every synth, or any JSON with a {@code findings}
 * list of {@code {"rule": ..., "path": ...}}). Findings in the baseline are reported but do not fail synth; only
 * new ones do, so an existing app adopts the gate gradually and the file shrinks as findings are fixed.
 */
public final class Baseline {
    private final Set<String> known;

    private Baseline(final Set<String> known) {
        this.known = Set.copyOf(known);
    }

    /** Reads a findings file. */
    public static @NotNull Baseline read(final @NotNull Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
            Set<String> known = new HashSet<>();
            for (JsonNode f : root.path("findings")) {
                known.add(key(f.path("rule").asText(), f.path("path").asText()));
            }
            return new Baseline(known);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the baseline findings file " + file, e);
        }
    }

    /** @return whether the finding of {@code ruleId} on the construct at {@code constructPath} is in the baseline. */
    public boolean contains(final @NotNull String ruleId, final @NotNull String constructPath) {
        return known.contains(key(ruleId, constructPath));
    }

    public int size() {
        return known.size();
    }

    private static String key(final String rule, final String path) {
        return rule + "\u0000" + path;
    }
}

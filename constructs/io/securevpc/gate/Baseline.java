package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

    /** What a baseline file must be, as error messages say it. */
    static final String EXPECTED = "a JSON object with a \"findings\" list of {\"rule\": \"<rule id>\", "
            + "\"path\": \"<construct path>\"} (the " + ComplianceReport.JSON_FILE + " the gate writes)";

    /**
     * Reads a findings file: a JSON object with a {@code findings} list (possibly empty) whose entries each have a
     * non-empty string {@code rule} and {@code path}.
     *
     * @throws io.securevpc.BlueprintValidationException {@code SVPC-023} ({@link io.securevpc.ErrorCode#GATE_FILE})
     *     naming the file when it is missing, unreadable, not JSON or not a baseline (e.g. another JSON report,
     *     which would otherwise read as an empty baseline)
     */
    public static @NotNull Baseline read(final @NotNull Path file) {
        if (!Files.isRegularFile(file)) {
            throw GateFiles.error("baseline", file, "an existing findings file: " + EXPECTED
                    + "; none at " + file.toAbsolutePath(), null);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw GateFiles.error("baseline", file, EXPECTED + "; it cannot be read as JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        JsonNode findings = root == null ? null : root.get("findings");
        if (findings == null || !findings.isArray()) {
            throw GateFiles.error("baseline", file, EXPECTED + "; it has no \"findings\" list", null);
        }
        Set<String> known = new HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            JsonNode f = findings.get(i);
            JsonNode rule = f.get("rule");
            JsonNode path = f.get("path");
            if (rule == null || !rule.isTextual() || rule.asText().isEmpty() || path == null || !path.isTextual()
                    || path.asText().isEmpty()) {
                throw GateFiles.error("baseline", file, EXPECTED + "; findings[" + i + "] is " + f, null);
            }
            known.add(key(rule.asText(), path.asText()));
        }
        return new Baseline(known);
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

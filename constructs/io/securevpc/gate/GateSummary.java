package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.annotations.NotNull;

/**
 * The gate's verdict per plugin, read from CDK's {@value #REPORT_FILE} after synth: active findings by
 * severity and acknowledged findings. A plugin missing from the report found nothing.
 */
public final class GateSummary {
    /** CDK's validation report, in the cloud assembly directory. */
    public static final String REPORT_FILE = "validation-report.json";

    /** One plugin's verdict. */
    public record Line(String plugin, boolean passed, int errors, int warnings, int acknowledged) {
        /**
         * @return e.g. {@code CloudFormation Validate: PASS (0 errors, 0 warnings, 6 acknowledged)}. cdk-nag packs
         *     drop acknowledged findings before CDK sees them, so their acknowledgements are not counted here.
         */
        public String render() {
            return plugin + ": " + (passed ? "PASS" : "FAIL") + " (" + errors + " errors, " + warnings + " warnings"
                    + (acknowledged > 0 ? ", " + acknowledged + " acknowledged" : "") + ")";
        }
    }

    private GateSummary() {
    }

    /** Reads the report; plugins absent from it (or a missing report) count as clean. */
    public static @NotNull List<Line> read(final @NotNull Path report, final @NotNull List<String> plugins) {
        JsonNode root = null;
        if (Files.exists(report)) {
            try {
                root = new ObjectMapper().readTree(report.toFile());
            } catch (IOException e) {
                throw GateFiles.error("validation report", report, "CDK's policy validation report, readable JSON ("
                        + e.getMessage() + ")", e);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (String plugin : plugins) {
            JsonNode entry = findPlugin(root, plugin);
            if (entry == null) {
                lines.add(new Line(plugin, true, 0, 0, 0));
                continue;
            }
            int errors = 0;
            int warnings = 0;
            for (JsonNode v : entry.path("violations")) {
                int n = Math.max(1, v.path("violatingConstructs").size());
                String severity = v.path("severity").asText();
                if ("error".equals(severity) || "fatal".equals(severity)) {
                    errors += n;
                } else {
                    warnings += n;
                }
            }
            int acknowledged = 0;
            for (JsonNode v : entry.path("suppressedViolations")) {
                acknowledged += Math.max(1, v.path("violatingConstructs").size());
            }
            lines.add(new Line(plugin, errors == 0, errors, warnings, acknowledged));
        }
        return lines;
    }

    private static JsonNode findPlugin(final JsonNode root, final String plugin) {
        if (root == null) {
            return null;
        }
        for (JsonNode entry : root.path("pluginReports")) {
            if (plugin.equals(entry.path("pluginName").asText())) {
                return entry;
            }
        }
        return null;
    }
}

package io.securevpc.gate.report;

import io.securevpc.nag.BlueprintChecks;
import io.securevpc.nag.RuleSpec;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict part of the report, read from the gate's {@code compliance-report.json} data: per pack, per stack,
 * every finding with the fix of the project's rule table where it has one, and every acknowledgement.
 */
final class Verdicts {
    /** One pack's verdict. */
    record Pack(String name, boolean passed, int errors, int warnings) {
    }

    /** One stack's verdict, the stack named by its construct path: FAIL when a finding of level error (not baselined) is on one of its resources. */
    record Stack(String name, String environment, int errors, int warnings) {
        boolean passed() {
            return errors == 0;
        }
    }

    /** One finding: pack, rule, level, resource path, message and the fix of the rule table ("" when none). */
    record Finding(String pack, String rule, String level, String path, String message, String fix, boolean baselined) {
        /** @return the message without the fix it ends with when the fix is shown beside it. */
        String messageWithoutFix() {
            int at = fix.isEmpty() ? -1 : message.lastIndexOf(" Fix: ");
            return at < 0 ? message : message.substring(0, at);
        }

        /** @return the key of the finding in a diff. */
        String key() {
            return pack + " " + rule + " " + path;
        }
    }

    /** One acknowledgement: rule, resource, reason, who made it, the gate's verdict. */
    record Acknowledgement(String rule, String path, String reason, String source, String verdict) {
    }

    final List<Pack> packs = new ArrayList<>();
    final List<Stack> stacks = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final List<Acknowledgement> acknowledgements = new ArrayList<>();

    /** Reads the gate's report data and places each finding in the stack whose resource it names. */
    @SuppressWarnings("unchecked")
    static Verdicts of(final Map<String, Object> report, final AppTemplates app) {
        Verdicts v = new Verdicts();
        for (Map<String, Object> p : (List<Map<String, Object>>) report.getOrDefault("packs", List.of())) {
            v.packs.add(new Pack(String.valueOf(p.get("pack")), Boolean.TRUE.equals(p.get("passed")),
                    number(p.get("errors")), number(p.get("warnings"))));
        }
        for (Map<String, Object> f : (List<Map<String, Object>>) report.getOrDefault("findings", List.of())) {
            String rule = String.valueOf(f.get("rule"));
            v.findings.add(new Finding(String.valueOf(f.get("pack")), rule, String.valueOf(f.get("severity")),
                    String.valueOf(f.get("path")), String.valueOf(f.getOrDefault("description", "")), fix(rule),
                    Boolean.TRUE.equals(f.get("baselined"))));
        }
        for (Map<String, Object> a : (List<Map<String, Object>>) report.getOrDefault("acknowledgements", List.of())) {
            v.acknowledgements.add(new Acknowledgement(String.valueOf(a.get("rule")), String.valueOf(a.get("path")),
                    String.valueOf(a.get("reason")), String.valueOf(a.get("source")), String.valueOf(a.get("verdict"))));
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> prefixes = new LinkedHashMap<>();
        Map<java.nio.file.Path, com.fasterxml.jackson.databind.JsonNode> manifests = new java.util.HashMap<>();
        app.stacks().values().forEach(s -> {
            counts.put(s.name(), new int[2]);
            prefixes.put(s.name(), displayName(s, manifests).orElseGet(() -> prefix(s)));
        });
        for (Finding f : v.findings) {
            String stack = stackOf(f.path(), prefixes);
            if (stack != null && !f.baselined()) {
                counts.get(stack)[isError(f.level()) ? 0 : 1]++;
            }
        }
        app.stacks().values().forEach(s -> v.stacks.add(new Stack(prefixes.get(s.name()), s.environment(),
                counts.get(s.name())[0], counts.get(s.name())[1])));
        return v;
    }

    static boolean isError(final String level) {
        return "error".equals(level) || "fatal".equals(level);
    }

    private static int number(final Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    /** @return the fix of the project's rule the id names ({@code Rule} or {@code Rule[finding]}), "" for others. */
    static String fix(final String rule) {
        for (RuleSpec s : BlueprintChecks.RULES) {
            if (rule.equals(s.id()) || rule.startsWith(s.id() + "[")) {
                return s.fix();
            }
        }
        return "";
    }

    /** @return the stack's construct path as its assembly's manifest names it ({@code displayName}), when it does. */
    private static java.util.Optional<String> displayName(final StackTemplate stack,
            final Map<java.nio.file.Path, com.fasterxml.jackson.databind.JsonNode> manifests) {
        java.nio.file.Path manifest = stack.templatePath().toAbsolutePath().getParent().resolve("manifest.json");
        com.fasterxml.jackson.databind.JsonNode json = manifests.computeIfAbsent(manifest, m -> {
            try {
                return JSON.readTree(m.toFile());
            } catch (java.io.IOException e) {
                return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        });
        com.fasterxml.jackson.databind.JsonNode name = json.path("artifacts").path(stack.name()).path("displayName");
        return name.isTextual() ? java.util.Optional.of(name.asText()) : java.util.Optional.empty();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** @return the construct path all of a stack's resources share, segment by segment (e.g. {@code stage/Network}). */
    private static String prefix(final StackTemplate stack) {
        String prefix = null;
        for (TemplateResource r : stack.resources().values()) {
            if (r.constructPath() == null) {
                continue;
            }
            String path = r.constructPath();
            if (prefix == null) {
                prefix = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : path;
            }
            while (!(path.equals(prefix) || path.startsWith(prefix + "/")) && prefix.contains("/")) {
                prefix = prefix.substring(0, prefix.lastIndexOf('/'));
            }
        }
        return prefix == null ? stack.name() : prefix;
    }

    /** @return the stack whose construct path is the longest prefix of {@code path}, or {@code null}. */
    private static String stackOf(final String path, final Map<String, String> prefixes) {
        String best = null;
        int length = -1;
        for (Map.Entry<String, String> e : prefixes.entrySet()) {
            String p = e.getValue();
            if ((path.equals(p) || path.startsWith(p + "/")) && p.length() > length) {
                best = e.getKey();
                length = p.length();
            }
        }
        return best;
    }
}

package io.securevpc.nag;

import io.securevpc.nag.rules.BlueprintRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;

/** The findings of {@link BlueprintChecks} on a stack, as plain data tests can compare exactly. */
public final class PackFindings {
    private final Map<String, List<String>> byPath = new TreeMap<>();
    private final Map<String, String> severityByRule = new TreeMap<>();
    private final Map<String, String> descriptionByRule = new TreeMap<>();

    private PackFindings(final PolicyValidationPluginReport report) {
        for (PolicyViolation v : report.getViolations()) {
            severityByRule.put(v.getRuleName(), v.getSeverity());
            descriptionByRule.put(v.getRuleName(), v.getDescription());
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                byPath.computeIfAbsent(r.getConstructPath(), k -> new ArrayList<>()).add(v.getRuleName());
            }
        }
        byPath.values().forEach(l -> l.sort(null));
    }

    /** Runs the whole pack on one stack (the rest of the app is the context app-level rules see). */
    public static PackFindings check(final Stack stack) {
        return new PackFindings(new BlueprintChecks(stack.getNode().getRoot()).validateScope(stack));
    }

    /**
     * Runs only the given rules on one stack ({@link BlueprintChecks#only}): what a rule's tests use, so that a new
     * rule of the pack never changes their exact lists of findings.
     */
    @SafeVarargs
    public static PackFindings checkOnly(final Stack stack, final Class<? extends BlueprintRule>... rules) {
        return new PackFindings(BlueprintChecks.only(stack.getNode().getRoot(), rules).validateScope(stack));
    }

    /** {@link #checkOnly(Stack, Class[])} with the rules in a list. */
    public static PackFindings checkOnly(final Stack stack, final List<Class<? extends BlueprintRule>> rules) {
        @SuppressWarnings("unchecked")
        Class<? extends BlueprintRule>[] array = rules.toArray(new Class[0]);
        return checkOnly(stack, array);
    }

    /** @return the rule ids (granular ones included) reported on the construct at {@code path}, sorted. */
    public List<String> at(final String path) {
        return byPath.getOrDefault(path, List.of());
    }

    /** @return only the ids of one rule (prefix match on {@code BlueprintChecks-<suffix>}) at {@code path}. */
    public List<String> at(final String path, final String ruleSuffix) {
        String id = BlueprintChecks.PACK_NAME + "-" + ruleSuffix;
        return at(path).stream().filter(r -> r.equals(id) || r.startsWith(id + "[")).toList();
    }

    public Map<String, List<String>> all() {
        return byPath;
    }

    public String severity(final String ruleId) {
        return severityByRule.get(ruleId);
    }

    public String description(final String ruleId) {
        return descriptionByRule.get(ruleId);
    }
}

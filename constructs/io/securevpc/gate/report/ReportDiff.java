package io.securevpc.gate.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed since the previous report of the same output directory ({@value SynthReport#DATA_FILE}, read before
 * it is overwritten): resources added and removed, findings new and fixed, and the change of the estimated monthly
 * cost.
 */
record ReportDiff(List<String> resourcesAdded, List<String> resourcesRemoved, List<String> findingsNew,
                  List<String> findingsFixed, double previousCost, double cost) {

    double costDelta() {
        return Math.round((cost - previousCost) * 100) / 100.0;
    }

    /** @return the data the next synth compares with: resources, finding keys and the cost total. */
    static Map<String, Object> data(final List<String> resources, final List<String> findings, final double cost) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("resources", resources);
        data.put("findings", findings);
        data.put("estimatedMonthlyUsd", cost);
        return data;
    }

    /** @return the change from {@code previous} to {@code current} (both as written by {@link #data}). */
    @SuppressWarnings("unchecked")
    static ReportDiff between(final Map<String, Object> previous, final Map<String, Object> current) {
        List<String> before = (List<String>) previous.getOrDefault("resources", List.of());
        List<String> after = (List<String>) current.get("resources");
        List<String> fBefore = (List<String>) previous.getOrDefault("findings", List.of());
        List<String> fAfter = (List<String>) current.get("findings");
        Object cost = previous.get("estimatedMonthlyUsd");
        return new ReportDiff(minus(after, before), minus(before, after), minus(fAfter, fBefore), minus(fBefore, fAfter),
                cost instanceof Number n ? n.doubleValue() : 0, ((Number) current.get("estimatedMonthlyUsd")).doubleValue());
    }

    private static List<String> minus(final List<String> a, final List<String> b) {
        java.util.Set<String> drop = new java.util.HashSet<>(b);
        List<String> out = new ArrayList<>();
        a.stream().filter(x -> !drop.contains(x)).distinct().forEach(out::add);
        return out;
    }
}

package io.securevpc.gate.report;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The control part of the report: per best practice ({@code BP-*}, from the BP ids of each BlueprintChecks rule) and
 * per control of each stock compliance pack that ran (NIST 800-53 R4 and R5 control ids, HIPAA Security and PCI DSS
 * 3.2.1 requirements, as the packs' messages name them, {@link StockRules}), the resources it applies to and the
 * verdict on each, passing ones included, and a coverage summary per family.
 *
 * <p>Where a resource's verdict comes from. BlueprintChecks: the gate's per rule and resource results
 * ({@code blueprintRules}: compliant or not), a non-compliant resource without a finding being acknowledged. A stock
 * pack reports only its findings, so a stock rule applies to every resource of the CloudFormation types it judges
 * (from its source); such a resource fails with a finding of the rule on it, is acknowledged with an acknowledgement
 * of the rule on it or one of its constructs, and passes otherwise ("no finding": the rule found it compliant, or
 * found nothing to judge in it). A refused acknowledgement does not count: the resource fails. Warnings fail like
 * errors here (the resource does not meet the rule), though only errors fail synth.
 */
final class ControlMapping {
    /** A resource's verdict for a control, worst last. */
    enum Verdict {
        PASS, ACKNOWLEDGED, FAIL
    }

    /** One resource a control applies to, with its worst verdict over the control's rules and the rules not passing. */
    record Resource(String path, Verdict verdict, List<String> notPassing) {
    }

    /** One control (or best practice): the rules that name it and the resources they apply to. */
    record Control(String id, List<String> rules, List<Resource> resources) {
        /** @return the worst verdict of its resources, or {@code null} when no resource of the app is in its scope. */
        Verdict verdict() {
            return resources.stream().map(Resource::verdict).max(Comparator.naturalOrder()).orElse(null);
        }

        long count(final Verdict v) {
            return resources.stream().filter(r -> r.verdict() == v).count();
        }

        /** @return e.g. {@code 12 resources: 10 pass, 1 acknowledged, 1 fail}. */
        String summary() {
            return resources.size() + (resources.size() == 1 ? " resource: " : " resources: ") + count(Verdict.PASS)
                    + " pass, " + count(Verdict.ACKNOWLEDGED) + " acknowledged, " + count(Verdict.FAIL) + " fail";
        }

        /** @return the resources that do not pass, each with the rules it does not pass. */
        List<Resource> notPassing() {
            return resources.stream().filter(r -> r.verdict() != Verdict.PASS).toList();
        }
    }

    /** Counts of one family: controls its rules name, those with a resource in scope, and their verdicts. */
    record Coverage(int named, int checked, int passing, int acknowledged, int failing) {
        int notExercised() {
            return named - checked;
        }
    }

    /**
     * One family: the project's best practices, or the controls of one stock compliance pack; {@code rules} gives per
     * rule naming a control of the family the verdict on each resource it applies to (what each control's resources
     * and verdicts come from, listed once per rule rather than once per control).
     */
    record Family(String name, String pack, List<Control> controls, Map<String, Map<String, Verdict>> rules) {
        Coverage coverage() {
            int checked = 0;
            int[] by = new int[Verdict.values().length];
            for (Control c : controls) {
                Verdict v = c.verdict();
                if (v != null) {
                    checked++;
                    by[v.ordinal()]++;
                }
            }
            return new Coverage(controls.size(), checked, by[Verdict.PASS.ordinal()],
                    by[Verdict.ACKNOWLEDGED.ordinal()], by[Verdict.FAIL.ordinal()]);
        }

        /** @return an HTML id for the family's section. */
        String anchor() {
            return "controls-" + pack.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @return the resources of one rule grouped by verdict, worst first: {@code FAIL: a; ACKNOWLEDGED: b, c; PASS: d}. */
    static String byVerdict(final Map<String, Verdict> verdicts) {
        StringBuilder b = new StringBuilder();
        for (int i = Verdict.values().length - 1; i >= 0; i--) {
            Verdict v = Verdict.values()[i];
            List<String> paths = verdicts.entrySet().stream().filter(e -> e.getValue() == v).map(Map.Entry::getKey)
                    .sorted().toList();
            if (!paths.isEmpty()) {
                b.append(b.length() == 0 ? "" : "; ").append(v.name()).append(" (").append(paths.size()).append("): ")
                        .append(String.join(", ", paths));
            }
        }
        return b.toString();
    }

    /** The project's pack name, as the gate reports it. */
    static final String BLUEPRINT_PACK = "BlueprintChecks";

    final List<Family> families = new ArrayList<>();
    /** Rule ids of stock-pack findings the stock rule table does not know (a newer cdk-nag): listed, never dropped. */
    final Set<String> unmapped = new LinkedHashSet<>();

    private record Finding(String rule, String path) {
    }

    private record Ack(String rule, String path, boolean refused) {
    }

    private final Map<String, List<Finding>> findingsByRule = new HashMap<>();
    private final Map<String, List<Ack>> acksByRule = new HashMap<>();

    @SuppressWarnings("unchecked")
    static ControlMapping of(final Map<String, Object> report, final AppTemplates app) {
        ControlMapping m = new ControlMapping();
        StockRules stock = StockRules.get();
        Set<String> ran = new LinkedHashSet<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) report.getOrDefault("packs", List.of())) {
            ran.add(String.valueOf(p.get("pack")));
        }
        for (Map<String, Object> f : (List<Map<String, Object>>) report.getOrDefault("findings", List.of())) {
            String rule = StockRules.bare(String.valueOf(f.get("rule")));
            String pack = String.valueOf(f.get("pack"));
            m.findingsByRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(new Finding(rule, String.valueOf(f.get("path"))));
            if (stock.packs().containsKey(pack) && stock.rule(rule) == null) {
                m.unmapped.add(rule);
            }
        }
        for (Map<String, Object> a : (List<Map<String, Object>>) report.getOrDefault("acknowledgements", List.of())) {
            String rule = StockRules.bare(String.valueOf(a.get("rule")));
            m.acksByRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(new Ack(rule, String.valueOf(a.get("path")),
                    "REFUSED".equals(a.get("verdict"))));
        }
        if (ran.contains(BLUEPRINT_PACK) && report.get("blueprintRules") instanceof List<?> rules) {
            m.families.add(m.bestPractices((List<Map<String, Object>>) rules));
        }
        Map<String, List<TemplateResource>> byType = new HashMap<>();
        for (StackTemplate s : app.stacks().values()) {
            for (TemplateResource r : s.resources().values()) {
                byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
            }
        }
        for (StockRules.Pack pack : stock.packs().values()) {
            if (ran.contains(pack.name()) && pack.namesControls()) {
                m.families.add(m.stockControls(pack, byType));
            }
        }
        return m;
    }

    /** Per BP id: the BlueprintChecks rules naming it and their per-resource results. */
    @SuppressWarnings("unchecked")
    private Family bestPractices(final List<Map<String, Object>> rules) {
        Map<String, Map<String, Map<String, Verdict>>> byBp = new HashMap<>();
        Map<String, List<String>> rulesOf = new HashMap<>();
        for (Map<String, Object> rule : rules) {
            String id = String.valueOf(rule.get("rule"));
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) rule.getOrDefault("results", List.of())) {
                String path = r.get("path") != null ? String.valueOf(r.get("path")) : r.get("stack") + "/" + r.get("logicalId");
                verdicts.merge(path, "COMPLIANT".equals(r.get("verdict")) ? Verdict.PASS : nonCompliant(id, path), ControlMapping::worst);
            }
            for (String bp : (List<String>) rule.getOrDefault("bestPractices", List.of())) {
                byBp.computeIfAbsent(bp, k -> new LinkedHashMap<>()).put(id, verdicts);
                rulesOf.computeIfAbsent(bp, k -> new ArrayList<>()).add(id);
            }
        }
        List<Control> controls = new ArrayList<>();
        Map<String, Map<String, Verdict>> perRule = new TreeMap<>();
        sorted(byBp).forEach((bp, verdicts) -> {
            controls.add(control(bp, rulesOf.get(bp), verdicts));
            perRule.putAll(verdicts);
        });
        return new Family("Best practices (BP-*) enforced by the project's rules", BLUEPRINT_PACK, controls, perRule);
    }

    /** Per control id the pack's messages name: its rules and the resources of the types they judge. */
    private Family stockControls(final StockRules.Pack pack, final Map<String, List<TemplateResource>> byType) {
        Map<String, Map<String, Map<String, Verdict>>> byControl = new HashMap<>();
        Map<String, List<String>> rulesOf = new HashMap<>();
        for (StockRules.Rule rule : pack.rules().values()) {
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            for (String type : rule.resourceTypes()) {
                for (TemplateResource r : byType.getOrDefault(type, List.of())) {
                    verdicts.put(r.describe(), stockVerdict(rule.id(), r.describe()));
                }
            }
            // a finding on a resource the types did not place in scope is still a failure of the rule
            findingsByRule.getOrDefault(rule.id(), List.of()).forEach(f -> verdicts.put(f.path(), Verdict.FAIL));
            for (String control : rule.controls()) {
                byControl.computeIfAbsent(control, k -> new LinkedHashMap<>()).put(rule.id(), verdicts);
                rulesOf.computeIfAbsent(control, k -> new ArrayList<>()).add(rule.id());
            }
        }
        List<Control> controls = new ArrayList<>();
        Map<String, Map<String, Verdict>> perRule = new TreeMap<>();
        sorted(byControl).forEach((id, verdicts) -> {
            controls.add(control(id, rulesOf.get(id), verdicts));
            verdicts.forEach((rule, v) -> {
                if (!v.isEmpty()) {
                    perRule.put(rule, v);
                }
            });
        });
        return new Family(pack.framework(), pack.name(), controls, perRule);
    }

    private static Control control(final String id, final List<String> rules,
                                   final Map<String, Map<String, Verdict>> perRule) {
        Map<String, Verdict> worst = new TreeMap<>();
        Map<String, List<String>> notPassing = new HashMap<>();
        perRule.forEach((rule, verdicts) -> verdicts.forEach((path, v) -> {
            worst.merge(path, v, ControlMapping::worst);
            if (v != Verdict.PASS) {
                notPassing.computeIfAbsent(path, k -> new ArrayList<>()).add(rule + " " + v);
            }
        }));
        List<Resource> resources = new ArrayList<>();
        worst.forEach((path, v) -> resources.add(new Resource(path, v, notPassing.getOrDefault(path, List.of()))));
        resources.sort(Comparator.comparing(Resource::verdict).reversed().thenComparing(Resource::path));
        return new Control(id, List.copyOf(rules), List.copyOf(resources));
    }

    private Verdict stockVerdict(final String rule, final String path) {
        for (Finding f : findingsByRule.getOrDefault(rule, List.of())) {
            if (f.path().equals(path)) {
                return Verdict.FAIL;
            }
        }
        return acknowledged(rule, path);
    }

    /** A BlueprintChecks non-compliant result: fails with a finding (active or baselined), else acknowledged. */
    private Verdict nonCompliant(final String rule, final String path) {
        for (Finding f : findingsByRule.getOrDefault(rule, List.of())) {
            if (f.path().equals(path)) {
                return Verdict.FAIL;
            }
        }
        Verdict v = acknowledged(rule, path);
        return v == Verdict.PASS ? Verdict.FAIL : v;
    }

    /** @return ACKNOWLEDGED with an accepted acknowledgement of the rule on the resource or a construct above it. */
    private Verdict acknowledged(final String rule, final String path) {
        Verdict v = Verdict.PASS;
        for (Ack a : acksByRule.getOrDefault(rule, List.of())) {
            if (path.equals(a.path()) || path.startsWith(a.path() + "/")) {
                v = worst(v, a.refused() ? Verdict.FAIL : Verdict.ACKNOWLEDGED);
            }
        }
        return v;
    }

    private static Verdict worst(final Verdict a, final Verdict b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** @return {@code map} ordered by {@link #compareIds} of its keys, each key split once. */
    private static <V> Map<String, V> sorted(final Map<String, V> map) {
        Map<String, String[]> parts = new HashMap<>();
        map.keySet().forEach(k -> parts.put(k, DIGITS.split(k)));
        Map<String, V> out = new LinkedHashMap<>();
        map.keySet().stream().sorted((a, b) -> compareParts(parts.get(a), parts.get(b))).forEach(k -> out.put(k, map.get(k)));
        return out;
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");

    /** Orders ids by their parts, numbers as numbers: {@code AC-2 < AC-2(4) < AC-17}, {@code BP-NET-2 < BP-NET-10}. */
    static int compareIds(final String a, final String b) {
        return compareParts(DIGITS.split(a), DIGITS.split(b));
    }

    private static int compareParts(final String[] x, final String[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean dx = Character.isDigit(x[i].charAt(0));
            boolean dy = Character.isDigit(y[i].charAt(0));
            int c = dx && dy ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}

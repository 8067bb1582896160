package io.securevpc.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of cdk-nag's stock packs as {@value #RESOURCE} records them, generated from the cdk-nag release the build
 * depends on (its {@code source} names the repository, tag and paths; {@code generate-stock-rules.js} beside the
 * report's tests regenerates it): per pack, per rule id, the level, the control ids the rule's message names (NIST
 * 800-53 R4 and R5, HIPAA Security, PCI DSS 3.2.1; none for AWS Solutions and Serverless) and the CloudFormation
 * resource types the rule judges. Read once per JVM.
 */
final class StockRules {
    /** The data file, beside this class in the jar. */
    static final String RESOURCE = "stock-rules.json";

    /** One stock rule: its full id ({@code NIST.800.53.R5-VPCFlowLogsEnabled}), pack, controls and resource types. */
    record Rule(String id, String pack, String level, List<String> controls, List<String> resourceTypes, String info) {
    }

    /** One stock pack: its name as the gate reports it, the framework its controls belong to, its rules by id. */
    record Pack(String name, String framework, String source, Map<String, Rule> rules) {
        /** @return whether the pack's messages name controls (the compliance frameworks). */
        boolean namesControls() {
            return rules.values().stream().anyMatch(r -> !r.controls().isEmpty());
        }
    }

    private static final class Holder {
        private static final StockRules INSTANCE = read();
    }

    private final Map<String, Pack> packs;
    private final Map<String, String> source;

    private StockRules(final Map<String, Pack> packs, final Map<String, String> source) {
        this.packs = packs;
        this.source = source;
    }

    static StockRules get() {
        return Holder.INSTANCE;
    }

    /** @return the packs by the name the gate reports ({@code NIST.800.53.R5}), in the file's order. */
    Map<String, Pack> packs() {
        return packs;
    }

    /** @return where the table comes from: repository, tag, package, paths. */
    Map<String, String> source() {
        return source;
    }

    /** @return the rule the id names ({@code Pack-Rule} or a granular {@code Pack-Rule[finding]}), or {@code null}. */
    Rule rule(final String id) {
        String bare = bare(id);
        int dash = bare.indexOf('-');
        Pack p = dash < 0 ? null : packs.get(bare.substring(0, dash));
        return p == null ? null : p.rules().get(bare);
    }

    /** @return the rule id without a granular finding ({@code AwsSolutions-IAM5[Action::s3:*]} gives {@code AwsSolutions-IAM5}). */
    static String bare(final String id) {
        int bracket = id.indexOf('[');
        return bracket < 0 ? id : id.substring(0, bracket);
    }

    private static StockRules read() {
        try (InputStream in = StockRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not beside " + StockRules.class.getName());
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> source = new LinkedHashMap<>();
            root.path("source").fields().forEachRemaining(e -> source.put(e.getKey(), e.getValue().isArray()
                    ? String.join("; ", texts(e.getValue())) : e.getValue().asText()));
            Map<String, Pack> packs = new LinkedHashMap<>();
            root.path("packs").fields().forEachRemaining(p -> {
                Map<String, Rule> rules = new LinkedHashMap<>();
                p.getValue().path("rules").fields().forEachRemaining(r -> rules.put(r.getKey(), new Rule(r.getKey(),
                        p.getKey(), r.getValue().path("level").asText(), texts(r.getValue().path("controls")),
                        texts(r.getValue().path("resourceTypes")), r.getValue().path("info").asText())));
                packs.put(p.getKey(), new Pack(p.getKey(), p.getValue().path("framework").asText(),
                        p.getValue().path("source").asText(), java.util.Collections.unmodifiableMap(rules)));
            });
            return new StockRules(java.util.Collections.unmodifiableMap(packs), java.util.Collections.unmodifiableMap(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(final JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}

package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.cdklabs.cdknag.NagPack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.jsii.JsiiClient;
import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiObjectRef;
import software.constructs.IConstruct;

/**
 * Runs one cdk-nag pack over stacks and reads its reports into plain Java values, with one call into
 * JavaScript per stack and one per pack, whatever the number of findings.
 *
 * <p>Why not {@code pack.validateScope(stack).getViolations()}: a report lives in the jsii child process, and
 * jsii reads it through its getters, one request per field of every violation and every violating resource;
 * passing it back to JavaScript serializes it the same way, field by field. Inside a validation plugin all
 * those requests run within one callback from JavaScript, and jsii's kernel host serves each request of a
 * callback one stack frame deeper than the previous one. At 25 environments the gate's callback made 4,849
 * requests, most of them reading the app's 900 AwsSolutions-VPC3 warnings, and node's stack overflowed.
 * Here each report stays an object reference in JavaScript ({@link JsiiClient#callMethod} returns the raw
 * reference) and one {@link Stack#resolve} call copies all of them into plain data, which jsii returns by
 * value. This uses jsii's Java runtime client ({@code software.amazon.jsii}, which aws-cdk-lib brings).
 */
final class ValidationReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValidationReports() {
    }

    /**
     * @return every violation the pack reports on the stacks (in stack order), as Java-side values: reading
     *     them makes no further call into JavaScript
     */
    static @NotNull List<PolicyViolation> validate(final @NotNull NagPack pack, final @NotNull List<Stack> stacks) {
        return validate(pack, stacks, stacks.isEmpty() ? null : stacks.get(0));
    }

    /**
     * @param scopes the constructs to validate, each with one {@code validateScope} call
     * @param resolver a stack of the same app, whose {@code resolve} copies the reports into plain data
     * @return every violation the pack reports on the scopes (in their order), as Java-side values
     */
    static @NotNull List<PolicyViolation> validate(final @NotNull NagPack pack,
                                                   final @NotNull List<? extends IConstruct> scopes,
                                                   final Stack resolver) {
        List<PolicyViolation> out = new ArrayList<>();
        validatePerScope(pack, scopes, resolver).forEach(out::addAll);
        return out;
    }

    /**
     * {@link #validate(NagPack, List, Stack)}, the violations of each scope apart.
     *
     * @return per scope, in the order of {@code scopes}, the violations the pack reports on it
     */
    static @NotNull List<List<PolicyViolation>> validatePerScope(final @NotNull NagPack pack,
                                                               final @NotNull List<? extends IConstruct> scopes,
                                                               final Stack resolver) {
        if (scopes.isEmpty()) {
            return List.of();
        }
        if (overridesValidateScope(pack)) {
            // A pack written in Java (BlueprintChecks) builds its report in Java: reading it stays in Java.
            // each scope in a callback of its own (JsiiTrampoline): the pack's requests into JavaScript (finding a
            // resource, cdk-nag's report) must not pile up in node's stack over the scopes of a large app
            List<List<PolicyViolation>> out = new ArrayList<>();
            for (IConstruct scope : scopes) {
                out.add(JsiiTrampoline.call(resolver, () -> copy(pack.validateScope(scope).getViolations())));
            }
            return out;
        }
        JsiiEngine engine = JsiiEngine.getInstance();
        JsiiClient client = engine.getClient();
        JsiiObjectRef packRef = engine.nativeToObjRef(pack);
        ArrayNode reports = JSON.createArrayNode();
        for (IConstruct scope : scopes) {
            reports.add(client.callMethod(packRef, "validateScope",
                    JSON.createArrayNode().add(engine.nativeToObjRef(scope).toJson())));
        }
        JsonNode plain = client.callMethod(engine.nativeToObjRef(resolver), "resolve",
                JSON.createArrayNode().add(reports));
        List<List<PolicyViolation>> out = new ArrayList<>();
        for (JsonNode report : plain) {
            List<PolicyViolation> one = new ArrayList<>();
            for (JsonNode v : report.path("violations")) {
                one.add(violation(v));
            }
            out.add(one);
        }
        return out;
    }

    /**
     * Runs a validation plugin written in JavaScript (CDK's CloudFormation validation) and reads its report with one
     * {@link Stack#resolve} call, as {@link #validate(NagPack, List, Stack)} does.
     *
     * @return the report's success flag and violations, as Java-side values
     */
    static @NotNull PolicyValidationPluginReport validate(final @NotNull IPolicyValidationPlugin plugin,
                                                          final @NotNull IPolicyValidationContext context,
                                                          final @NotNull Stack resolver) {
        JsiiEngine engine = JsiiEngine.getInstance();
        JsiiClient client = engine.getClient();
        JsonNode report = client.callMethod(engine.nativeToObjRef(plugin), "validate",
                JSON.createArrayNode().add(engine.nativeToObjRef(context).toJson()));
        JsonNode plain = client.callMethod(engine.nativeToObjRef(resolver), "resolve",
                JSON.createArrayNode().add(report));
        List<PolicyViolation> out = new ArrayList<>();
        for (JsonNode v : plain.path("violations")) {
            out.add(violation(v));
        }
        return PolicyValidationPluginReport.builder().success(plain.path("success").asBoolean(false)).violations(out)
                .build();
    }

    private static boolean overridesValidateScope(final NagPack pack) {
        try {
            return pack.getClass().getMethod("validateScope", IConstruct.class).getDeclaringClass() != NagPack.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** @return the violations as Java-side values (a violation cdk-nag built is read field by field, here). */
    static List<PolicyViolation> copy(final List<PolicyViolation> violations) {
        List<PolicyViolation> out = new ArrayList<>();
        for (PolicyViolation v : violations) {
            List<PolicyViolatingResource> resources = new ArrayList<>();
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                resources.add(PolicyViolatingResource.builder().resourceLogicalId(r.getResourceLogicalId())
                        .templatePath(r.getTemplatePath()).constructPath(r.getConstructPath())
                        .locations(r.getLocations() == null ? null : List.copyOf(r.getLocations())).build());
            }
            out.add(PolicyViolation.builder().ruleName(v.getRuleName()).description(v.getDescription())
                    .severity(v.getSeverity()).fix(v.getFix())
                    .ruleMetadata(v.getRuleMetadata() == null ? null : new java.util.LinkedHashMap<>(v.getRuleMetadata()))
                    .violatingResources(resources).build());
        }
        return out;
    }

    /** @return the violation read from its plain-data form (as {@link Stack#resolve} returns it). */
    static PolicyViolation violation(final JsonNode v) {
        List<PolicyViolatingResource> resources = new ArrayList<>();
        for (JsonNode r : v.path("violatingResources")) {
            List<String> locations = new ArrayList<>();
            r.path("locations").forEach(l -> locations.add(l.asText()));
            PolicyViolatingResource.Builder b = PolicyViolatingResource.builder()
                    .resourceLogicalId(r.path("resourceLogicalId").asText())
                    .templatePath(r.path("templatePath").asText())
                    .locations(locations);
            if (r.hasNonNull("constructPath")) {
                b.constructPath(r.get("constructPath").asText());
            }
            resources.add(b.build());
        }
        PolicyViolation.Builder b = PolicyViolation.builder()
                .ruleName(v.path("ruleName").asText())
                .description(v.path("description").asText())
                .violatingResources(resources);
        if (v.hasNonNull("severity")) {
            b.severity(v.get("severity").asText());
        }
        if (v.hasNonNull("fix")) {
            b.fix(v.get("fix").asText());
        }
        if (v.path("ruleMetadata").isObject()) {
            Map<String, String> metadata = new LinkedHashMap<>();
            v.get("ruleMetadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            b.ruleMetadata(metadata);
        }
        return b.build();
    }
}

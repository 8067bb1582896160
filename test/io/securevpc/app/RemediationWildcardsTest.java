package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.AppContext;
import io.securevpc.compliance.ResourceNarrowing;
import io.securevpc.internal.CfnReferences;
import io.securevpc.internal.WildcardAcknowledgements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;

/**
 * The app's wildcard IAM resources (BP-IAM-1/2/3): only the event-driven remediation policies acknowledge
 * AwsSolutions-IAM5, one granular finding per resource, and each acknowledgement's reason states a narrowing the
 * synthesized policy really has: the condition keys it names are on every statement that names the resource, or
 * the statement's actions have no resource-level permissions.
 */
class RemediationWildcardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The policies allowed to acknowledge AwsSolutions-IAM5: the remediation policies. */
    private static final List<Pattern> REMEDIATION_POLICIES = List.of(
            Pattern.compile("SecureVpc-[^/]+/Isolation/Runbook/AutomationPolicy/Resource"),
            Pattern.compile("SecureVpc-Detection-[^/]+/WorldOpenIngress/Runbook/AutomationPolicy/Resource"),
            Pattern.compile("SecureVpc-Audit-[^/]+/Config/RemediationPolicy/Resource"));
    private static final Pattern IAM5 = Pattern.compile("^AwsSolutions-IAM5(\\[(Resource|Action)::(.*)])?$");

    /** One acknowledgement: construct path, rule id, reason, and the resource's template. */
    private record Ack(String path, String id, String reason, JsonNode resource) {
    }

    private static final List<Ack> ACKS = new ArrayList<>();

    /** A construct path within its stage, as docs/gate.md gives them: {@code /<stage>/SecureVpc-...} to {@code SecureVpc-...}. */
    private static String withinStage(final String path) {
        return path.replaceFirst("^/([^/]+/)?(?=SecureVpc-)", "");
    }

    @BeforeAll
    static void synth() throws IOException {
        App app = AppContext.app();
        BlueprintApp.buildStacks(app);
        app.synth();
        // The stacks are in stages: cdk.out/assembly-<stage>/<stack>.template.json and .metadata.json
        try (var files = Files.walk(Path.of(app.getOutdir()), 2)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".metadata.json")).toList()) {
                String stack = file.getFileName().toString().replace(".metadata.json", "");
                JsonNode resources = JSON.readTree(file.resolveSibling(stack + ".template.json").toFile())
                        .path("Resources");
                Map<String, String> logicalIds = new HashMap<>();
                JsonNode byPath = JSON.readTree(file.toFile());
                byPath.fields().forEachRemaining(e -> e.getValue().forEach(entry -> {
                    if ("aws:cdk:logicalId".equals(entry.path("type").asText())) {
                        logicalIds.put(e.getKey(), entry.path("data").asText());
                    }
                }));
                byPath.fields().forEachRemaining(e -> e.getValue().forEach(entry -> {
                    if (Validations.ACKNOWLEDGED_RULES_METADATA_KEY.equals(entry.path("type").asText())) {
                        entry.path("data").fields().forEachRemaining(ack -> ACKS.add(new Ack(withinStage(e.getKey()),
                                ack.getKey().replaceFirst("(?i)^annotation::", ""), ack.getValue().asText(),
                                resources.path(logicalIds.getOrDefault(e.getKey(), "")))));
                    }
                }));
            }
        }
    }

    private static List<Ack> iam5() {
        return ACKS.stream().filter(a -> IAM5.matcher(a.id()).matches()).toList();
    }

    @Test
    void onlyTheRemediationPoliciesAcknowledgeIam5AndEachOnlyPerResource() {
        List<String> elsewhere = iam5().stream()
                .filter(a -> REMEDIATION_POLICIES.stream().noneMatch(p -> p.matcher(a.path()).matches()))
                .map(a -> a.path() + " " + a.id()).toList();
        assertEquals(List.of(), elsewhere, "IAM5 acknowledged outside the remediation policies");
        List<String> notPerResource = iam5().stream().filter(a -> !a.id().startsWith("AwsSolutions-IAM5[Resource::"))
                .map(a -> a.path() + " " + a.id()).toList();
        assertEquals(List.of(), notPerResource, "IAM5 acknowledged for a whole policy or an action");
        TreeSet<String> policies = new TreeSet<>(iam5().stream().map(Ack::path).toList());
        assertEquals(new TreeSet<>(List.of("SecureVpc-Audit-eu-west-1/Config/RemediationPolicy/Resource",
                "SecureVpc-Detection-eu-west-1/WorldOpenIngress/Runbook/AutomationPolicy/Resource",
                "SecureVpc-PrivateOnly/Isolation/Runbook/AutomationPolicy/Resource",
                "SecureVpc-ThreeTier/Isolation/Runbook/AutomationPolicy/Resource")), policies);
    }

    @Test
    void everyIam5ReasonStatesANarrowingThatThePolicyHas() {
        assertFalse(iam5().isEmpty());
        for (Ack ack : iam5()) {
            Matcher m = IAM5.matcher(ack.id());
            assertTrue(m.matches());
            String resource = m.group(3);
            List<JsonNode> naming = new ArrayList<>();
            for (JsonNode st : ack.resource().path("Properties").path("PolicyDocument").path("Statement")) {
                JsonNode resources = st.path("Resource");
                for (JsonNode r : resources.isArray() ? resources : List.of(resources)) {
                    if (resource.equals(CfnReferences.flatten(JSON.convertValue(r, Object.class)))) {
                        naming.add(st);
                    }
                }
            }
            assertFalse(naming.isEmpty(), ack.path() + " has no statement on " + resource);
            String reason = ack.reason();
            int narrowed = reason.indexOf(WildcardAcknowledgements.NARROWED_BY);
            int exempt = reason.indexOf(WildcardAcknowledgements.NO_RESOURCE_LEVEL);
            if (narrowed >= 0) {
                String claim = reason.substring(narrowed + WildcardAcknowledgements.NARROWED_BY.length());
                List<String> keys = List.of(claim.substring(0, claim.indexOf('.', claim.indexOf(':'))).split(" and "));
                assertTrue(ResourceNarrowing.narrows(keys), ack.id() + ": " + keys);
                for (JsonNode st : naming) {
                    TreeSet<String> present = new TreeSet<>();
                    st.path("Condition").fields().forEachRemaining(op -> {
                        if (!op.getKey().contains("Not") && !op.getKey().endsWith("IfExists")) {
                            op.getValue().fieldNames().forEachRemaining(present::add);
                        }
                    });
                    assertTrue(present.containsAll(keys), ack.path() + " " + ack.id() + " claims " + keys
                            + " but the statement has " + present);
                }
            } else {
                assertTrue(exempt >= 0, ack.path() + " " + ack.id() + ": the reason states no narrowing: " + reason);
                for (JsonNode st : naming) {
                    JsonNode actions = st.path("Action");
                    for (JsonNode a : actions.isArray() ? actions : List.of(actions)) {
                        assertTrue(ResourceNarrowing.hasNoResourceLevelPermissions(a.asText()), ack.id() + " " + a);
                        assertTrue(reason.contains(a.asText()), reason);
                    }
                }
            }
        }
    }

    @Test
    void isolationNarrowsNetworkInterfacesToTheVpcAndInstancesToTheAccountAndRegion() {
        Map<String, String> reasons = new HashMap<>();
        iam5().stream().filter(a -> a.path().startsWith("SecureVpc-PrivateOnly/Isolation"))
                .forEach(a -> reasons.put(a.id(), a.reason()));
        assertTrue(reasons.get("AwsSolutions-IAM5[Resource::arn:aws:ec2:eu-west-1:<AWS::AccountId>:network-interface/*]")
                .endsWith("Narrowed by ec2:Vpc."), reasons.toString());
        assertTrue(reasons.get("AwsSolutions-IAM5[Resource::arn:aws:ec2:eu-west-1:<AWS::AccountId>:instance/*]")
                .endsWith("Narrowed by aws:ResourceAccount and aws:RequestedRegion."), reasons.toString());
        assertTrue(reasons.get("AwsSolutions-IAM5[Resource::*]").endsWith("No resource-level permissions: "
                + "ec2:DescribeIamInstanceProfileAssociations, ec2:DescribeInstances, ec2:DescribeTags."), reasons.toString());
    }
}

package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.AppContext;
import io.securevpc.gate.GatedPack;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import io.securevpc.nag.model.TemplateResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/**
 * The account baseline as StackSets for organizational units ({@link BaselineStackSets}), synthesized once through
 * the gate: three service-managed StackSets with automatic deployment to the configured units, whose templates are
 * the stage's file assets holding the audit (home and regional) and detection templates the app builds.
 */
class BaselineStackSetsTest {
    static final String MANAGEMENT = "999988887777";
    static final List<String> UNITS = List.of("ou-ab12-cd34ef56", "ou-ab12-gh78ij90");

    private static AppTemplates templates;
    private static StackTemplate stackSets;
    private static Map<String, JsonNode> assets;
    private static BlueprintApp.Result result;

    @BeforeAll
    static void synth() throws IOException {
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, Map.of(
                "environments", List.of(Map.of("name", "dev", "profile", "dev", "shape", "three-tier",
                        "cidr", "10.90.0.0/16", "account", "111111111111", "region", "eu-west-1",
                        "availabilityZones", List.of("eu-west-1a", "eu-west-1b"))),
                "stackSet", Map.of("account", MANAGEMENT, "region", "eu-west-1", "organizationalUnitIds", UNITS,
                        "homeRegion", "eu-west-1", "otherRegions", List.of("eu-central-1"), "profile", "prod",
                        "alertSubscriptions", Map.of("emails", List.of("soc@example.com")))));
        App app = App.Builder.create().context(context)
                .outdir(Files.createTempDirectory("stacksets").toString()).build();
        result = BlueprintApp.build(app);
        result.gate().synth(app);
        templates = AppTemplates.fromAssembly(Path.of(app.getOutdir()));
        stackSets = templates.stacks().values().stream().filter(s -> s.name().contains("BaselineStackSets"))
                .findFirst().orElseThrow();
        assets = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Path.of(app.getOutdir()), 2)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("asset.")
                    && f.getFileName().toString().endsWith(".json")).toList()) {
                assets.put(f.getFileName().toString(), ConfigReader.JSON.readTree(f.toFile()));
            }
        }
    }

    private static TemplateResource stackSet(final String name) {
        return stackSets.ofType("AWS::CloudFormation::StackSet").stream()
                .filter(s -> name.equals(s.prop("StackSetName").asText())).findFirst().orElseThrow();
    }

    /** @return the asset (template) a StackSet's TemplateURL names, by the asset hash in the URL. */
    private static JsonNode templateOf(final String name) {
        String url = stackSet(name).prop("TemplateURL").toString();
        return assets.entrySet().stream().filter(e -> url.contains(e.getKey().replace("asset.", "")
                        .replace(".json", ""))).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(url + " names none of " + assets.keySet()));
    }

    private static List<String> types(final JsonNode template) {
        List<String> types = new ArrayList<>();
        template.path("Resources").forEach(r -> types.add(r.path("Type").asText()));
        return types;
    }

    @Test
    void threeServiceManagedStackSetsDeployAutomaticallyToTheUnitsInTheManagementAccount() {
        assertEquals(MANAGEMENT, stackSets.account());
        assertTrue(stackSets.templatePath().toString().contains("assembly-prod-" + MANAGEMENT + "-eu-west-1"));
        Map<String, List<String>> regions = Map.of("SecureVpc-Audit-Home", List.of("eu-west-1"),
                "SecureVpc-Audit-Regional", List.of("eu-central-1"),
                "SecureVpc-Detection", List.of("eu-west-1", "eu-central-1"));
        assertEquals(3, stackSets.ofType("AWS::CloudFormation::StackSet").size());
        regions.forEach((name, expected) -> {
            TemplateResource set = stackSet(name);
            assertEquals("SERVICE_MANAGED", set.prop("PermissionModel").asText());
            assertTrue(set.prop("AutoDeployment").path("Enabled").asBoolean());
            assertTrue(set.prop("AutoDeployment").path("RetainStacksOnAccountRemoval").asBoolean());
            JsonNode group = set.prop("StackInstancesGroup").get(0);
            assertEquals(UNITS, ConfigReader.JSON.convertValue(group.at("/DeploymentTargets/OrganizationalUnitIds"),
                    List.class));
            assertEquals(expected, ConfigReader.JSON.convertValue(group.path("Regions"), List.class));
            assertTrue(set.prop("Capabilities").toString().contains("CAPABILITY_NAMED_IAM"));
        });
    }

    @Test
    void theHomeAuditTemplateHoldsTheTrailTheRecorderAndConfigsServiceLinkedRole() {
        List<String> types = types(templateOf("SecureVpc-Audit-Home"));
        for (String type : List.of("AWS::CloudTrail::Trail", "AWS::Config::ConfigurationRecorder",
                "AWS::IAM::ServiceLinkedRole", "AWS::S3::Bucket", "AWS::CloudWatch::Alarm")) {
            assertTrue(types.contains(type), type);
        }
    }

    @Test
    void theRegionalAuditTemplateHasNoTrailAndTheDetectionTemplateHasTheDetector() {
        List<String> regional = types(templateOf("SecureVpc-Audit-Regional"));
        assertFalse(regional.contains("AWS::CloudTrail::Trail"));
        assertTrue(regional.contains("AWS::Config::ConfigurationRecorder"));
        assertFalse(regional.contains("AWS::IAM::ServiceLinkedRole"));
        List<String> detection = types(templateOf("SecureVpc-Detection"));
        assertTrue(detection.contains("AWS::GuardDuty::Detector"));
        assertTrue(detection.contains("AWS::Events::Rule"));
    }

    /** The units' accounts need not be bootstrapped, and no template refers to another stack. */
    @Test
    void theTemplatesNeedNoBootstrapAndNoOtherStack() {
        for (String name : List.of("SecureVpc-Audit-Home", "SecureVpc-Audit-Regional", "SecureVpc-Detection")) {
            String template = templateOf(name).toString();
            assertFalse(template.contains("BootstrapVersion"), name);
            assertFalse(template.contains("Fn::ImportValue") || template.contains("Fn::GetStackOutput"), name);
        }
    }

    @Test
    void passesTheGate() {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, GatedPack.Verdict> e : result.gate().verdicts().entrySet()) {
            e.getValue().violations().stream().filter(v -> "error".equals(v.getSeverity()))
                    .forEach(v -> errors.add(e.getKey() + " " + v.getRuleName()));
        }
        assertEquals(List.of(), errors);
    }
}

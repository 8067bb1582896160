package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.gate.GatedPack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;

/**
 * Every profile with every shape, synthesized through the gate once: one account per profile (as AWS recommends, a
 * development, a production and a regulated account), each with a private-only and a three-tier environment, so
 * one synth holds all six combinations in three stages. The app's gate runs the packs of its strictest profile
 * (regulated: every stock pack and CloudFormation validation), a superset of every profile's packs; each pack's
 * findings are its own, so a combination with no error under the superset has none under its profile's packs.
 */
class ProfileMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BlueprintApp.Result result;
    private static long synthMillis;

    @BeforeAll
    static void synth() {
        SynthesizedApps.Matrix matrix = SynthesizedApps.profileMatrix();
        result = matrix.result();
        synthMillis = matrix.synthMillis();
        System.out.println("ProfileMatrixTest: build and synth of 3 stages, 12 stacks: " + synthMillis + " ms");
    }

    static Stream<Arguments> combinations() {
        return Stream.of(Profile.values()).flatMap(p -> Stream.of(EnvironmentConfig.Shape.values())
                .map(s -> Arguments.of(p, s)));
    }

    @Test
    void oneStagePerAccountAndRegionNamedAfterItsProfileAccountAndRegion() {
        assertEquals(List.of("dev-111111111111-eu-west-1", "prod-222222222222-eu-west-1",
                "regulated-333333333333-eu-west-1"), result.stages().stream().map(Stage::getStageName).toList());
    }

    @Test
    void theGateRunsThePacksOfTheStrictestProfile() {
        assertEquals(Profile.REGULATED, result.profile());
        assertEquals(List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R4", "NIST.800.53.R5", "HIPAA.Security",
                "PCI.DSS.321", "Serverless", "CloudFormation Validate"), result.gate().getPluginNames());
    }

    /** Through the gate: every pack of the profile ran on the combination's stacks and found no error there. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void synthesizesCleanThroughThePacksOfItsProfile(final Profile profile, final EnvironmentConfig.Shape shape) {
        DeploymentStage stage = stage(profile);
        List<String> packs = new ArrayList<>(List.of("BlueprintChecks"));
        profile.stockPacks().forEach(p -> packs.add(packName(p)));
        List<String> errors = new ArrayList<>();
        for (String pack : packs) {
            GatedPack.Verdict verdict = result.gate().verdicts().get(pack);
            assertEquals(12, verdict.stacks(), pack + " ran on every stack");
            verdict.violations().stream().filter(v -> "error".equals(v.getSeverity()))
                    .flatMap(v -> v.getViolatingResources().stream().map(r -> v.getRuleName() + " " + r.getTemplatePath()))
                    .filter(e -> e.contains("assembly-" + stage.getStageName()))
                    .forEach(errors::add);
        }
        assertEquals(List.of(), errors, profile + " " + shape);
        assertTrue(template(network(profile, shape)).path("Resources").size() > 50);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("combinations")
    void flowLogsAreKeptForTheProfilesRetention(final Profile profile, final EnvironmentConfig.Shape shape) {
        List<Integer> retention = resources(template(network(profile, shape)), "AWS::Logs::LogGroup").stream()
                .map(r -> r.path("Properties").path("RetentionInDays").asInt()).distinct().toList();
        assertEquals(List.of(Map.of(Profile.DEV, 365, Profile.PROD, 731, Profile.REGULATED, 2557).get(profile)),
                retention);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void threeTierHasOneNatGatewayInDevAndOnePerAzOtherwise(final Profile profile) {
        assertEquals(profile == Profile.DEV ? 1 : 3, resources(template(network(profile,
                EnvironmentConfig.Shape.THREE_TIER)), "AWS::EC2::NatGateway").size());
        assertEquals(0, resources(template(network(profile, EnvironmentConfig.Shape.PRIVATE_ONLY)),
                "AWS::EC2::NatGateway").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void privateOnlyHasTheInterfaceEndpointsOfItsProfile(final Profile profile) {
        List<String> services = resources(template(network(profile, EnvironmentConfig.Shape.PRIVATE_ONLY)),
                "AWS::EC2::VPCEndpoint").stream().filter(r -> "Interface".equals(r.path("Properties")
                .path("VpcEndpointType").asText())).map(r -> serviceSuffix(r.path("Properties").path("ServiceName")))
                .sorted().toList();
        assertEquals(profile == Profile.DEV ? List.of("ec2messages", "logs", "ssm", "ssmmessages")
                : List.of("ec2messages", "ecr.api", "ecr.dkr", "kms", "logs", "ssm", "ssmmessages", "sts"), services);
    }

    /** Every KMS key of the stage, the library's included, waits the profile's window before deletion. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyKeyOfTheStageWaitsTheProfilesDeletionWindow(final Profile profile) {
        List<Integer> windows = new ArrayList<>();
        int keys = 0;
        for (Stack stack : stacksOf(stage(profile))) {
            for (JsonNode key : resources(template(stack), "AWS::KMS::Key")) {
                keys++;
                windows.add(key.path("Properties").path("PendingWindowInDays").asInt(-1));
            }
        }
        assertTrue(keys >= 5, "keys: " + keys);
        assertEquals(List.of(profile == Profile.DEV ? 7 : 30), windows.stream().distinct().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void theAuditArchiveIsLockedAndTheTrailKeptForTheProfilesRetention(final Profile profile) {
        AuditStack audit = result.auditStacks().stream().filter(a -> Stage.of(a) == stage(profile)).findFirst()
                .orElseThrow();
        JsonNode t = template(audit);
        List<Integer> lockDays = resources(t, "AWS::S3::Bucket").stream()
                .map(b -> b.path("Properties").path("ObjectLockConfiguration").path("Rule").path("DefaultRetention"))
                .filter(r -> !r.isMissingNode())
                .peek(r -> assertEquals(profile == Profile.REGULATED ? "COMPLIANCE" : "GOVERNANCE",
                        r.path("Mode").asText()))
                .map(r -> r.path("Days").asInt()).toList();
        assertEquals(List.of((int) profile.archiveLockRetention().toDays().longValue()), lockDays);
        assertEquals(List.of(Map.of(Profile.DEV, 30, Profile.PROD, 365, Profile.REGULATED, 2557).get(profile)),
                lockDays);
        List<Integer> logRetention = resources(t, "AWS::Logs::LogGroup").stream()
                .map(r -> r.path("Properties").path("RetentionInDays").asInt()).distinct().toList();
        assertEquals(List.of(Map.of(Profile.DEV, 365, Profile.PROD, 731, Profile.REGULATED, 2557).get(profile)),
                logRetention);
    }

    /** The service of an endpoint's ServiceName, e.g. {@code ecr.api} of {@code com.amazonaws.eu-west-1.ecr.api}. */
    private static String serviceSuffix(final JsonNode serviceName) {
        String text = serviceName.isTextual() ? serviceName.asText() : serviceName.toString();
        return text.replaceAll("^.*eu-west-1\\.", "").replaceAll("[\"\\]}]+$", "");
    }

    static Stream<Profile> profiles() {
        return Stream.of(Profile.values());
    }

    private static DeploymentStage stage(final Profile profile) {
        return result.stages().stream().filter(s -> s.getProfile() == profile).findFirst().orElseThrow();
    }

    private static NetworkStack network(final Profile profile, final EnvironmentConfig.Shape shape) {
        return result.stacks().stream().filter(s -> s.getConfig().profile() == profile
                && s.getConfig().shape() == shape).findFirst().orElseThrow();
    }

    private static List<Stack> stacksOf(final Stage stage) {
        return stage.getNode().getChildren().stream().filter(Stack::isStack).map(c -> (Stack) c).toList();
    }

    private static final Map<Stack, JsonNode> TEMPLATES = new LinkedHashMap<>();

    private static synchronized JsonNode template(final Stack stack) {
        return TEMPLATES.computeIfAbsent(stack, s -> {
            try {
                return JSON.readTree(Path.of(Stage.of(s).getOutdir(), s.getTemplateFile()).toFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<JsonNode> resources(final JsonNode template, final String type) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    private static String packName(final io.securevpc.gate.ComplianceGate.StockPack pack) {
        return switch (pack) {
            case AWS_SOLUTIONS -> "AwsSolutions";
            case NIST_800_53_R4 -> "NIST.800.53.R4";
            case NIST_800_53_R5 -> "NIST.800.53.R5";
            case HIPAA_SECURITY -> "HIPAA.Security";
            case PCI_DSS_321 -> "PCI.DSS.321";
            case SERVERLESS -> "Serverless";
        };
    }
}

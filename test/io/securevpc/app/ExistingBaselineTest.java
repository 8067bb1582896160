package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.AppContext;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.gate.GatedPack;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.StackTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * Deploying into accounts that already have their audit baseline ({@link ExistingBaseline}), synthesized once through
 * the prod profile's gate: a Control Tower-style member account (organization trail of the management account,
 * Config recorder, GuardDuty detector, Security Hub) gets none of them, and an account with a trail of its own and
 * its log group gets the alarms on that group and AWS Config's service-linked role.
 */
class ExistingBaselineTest {
    /** A Control Tower member account. */
    static final String MEMBER = "444455556666";
    /** An account with a trail of its own. */
    static final String OWN_TRAIL = "555566667777";
    static final String ORG_TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:999988887777:trail/aws-controltower-BaselineCloudTrail";
    static final String OWN_TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:" + OWN_TRAIL + ":trail/account-trail";
    static final String DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

    private static BlueprintApp.Result result;
    private static AppTemplates templates;

    static Map<String, Object> environment(final String name, final String account, final String cidr,
                                           final Map<String, Object> existing) {
        Map<String, Object> env = new HashMap<>(Map.of("name", name, "profile", "prod", "shape", "private-only",
                "cidr", cidr, "account", account, "region", "eu-west-1",
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"),
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006"),
                "alertSubscriptions", Map.of("emails", List.of("soc@example.com"))));
        env.put("existingBaseline", existing);
        return env;
    }

    static Map<String, Object> controlTower() {
        return Map.of("reason", "AWS Control Tower landing zone: organization trail, AWS Config and GuardDuty "
                        + "managed by the management and audit accounts",
                "trail", Map.of("arn", ORG_TRAIL_ARN), "configRecorder", true, "guardDutyDetectorId", DETECTOR,
                "securityHub", true);
    }

    @BeforeAll
    static void synth() throws Exception {
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, Map.of("environments", List.of(
                environment("member", MEMBER, "10.50.0.0/16", controlTower()),
                environment("own-trail", OWN_TRAIL, "10.60.0.0/16", Map.of("reason", "The account's own trail",
                        "trail", Map.of("arn", OWN_TRAIL_ARN, "logGroupName", "account-trail/logs"))))));
        App app = App.Builder.create().context(context)
                .outdir(Files.createTempDirectory("existing-baseline").toString()).build();
        result = BlueprintApp.build(app);
        result.gate().synth(app);
        templates = AppTemplates.fromAssembly(Path.of(app.getOutdir()));
    }

    private static List<StackTemplate> stacksOf(final String account) {
        return templates.stacks().values().stream().filter(s -> account.equals(s.account())).toList();
    }

    private static int count(final String account, final String type) {
        return stacksOf(account).stream().mapToInt(s -> s.ofType(type).size()).sum();
    }

    /** The metric filters on CloudTrail records (JSON patterns), not those on flow logs (space-delimited ones). */
    private static List<io.securevpc.nag.model.TemplateResource> trailFilters(final String account) {
        return stacksOf(account).stream().flatMap(s -> s.ofType("AWS::Logs::MetricFilter").stream())
                .filter(f -> f.prop("FilterPattern").asText().startsWith("{")).toList();
    }

    private static AuditStack audit(final String account) {
        return result.auditStacks().stream().filter(a -> account.equals(a.getTarget().account())).findFirst()
                .orElseThrow();
    }

    @Test
    void aControlTowerAccountGetsNoTrailRecorderDeliveryChannelDetectorHubOrConfigRole() {
        for (String type : List.of("AWS::CloudTrail::Trail", "AWS::Config::ConfigurationRecorder",
                "AWS::Config::DeliveryChannel", "AWS::GuardDuty::Detector", "AWS::SecurityHub::Hub",
                "AWS::IAM::ServiceLinkedRole")) {
            assertEquals(0, count(MEMBER, type), type);
        }
        // Its own controls stay: the VPC rules of AWS Config, the detection rules.
        assertTrue(count(MEMBER, "AWS::Config::ConfigRule") >= 10);
        assertTrue(count(MEMBER, "AWS::Events::Rule") > 0);
    }

    @Test
    void theAdoptionIsDeclaredToTheGateWithItsReason() {
        JsonNode declaration = auditTemplate(MEMBER).metadata(AuditBaselineDeclaration.METADATA_KEY);
        assertEquals(List.of("CloudTrail", "Config", "GuardDuty"), texts(declaration.path("covers")));
        assertTrue(declaration.path("reason").asText().startsWith("AWS Control Tower landing zone"));
    }

    /** The prod gate ran on every stack of both accounts and found no error, the audit-baseline rules included. */
    @Test
    void passesTheGate() {
        List<String> errors = new ArrayList<>();
        for (String pack : List.of("BlueprintChecks", "AwsSolutions", "NIST.800.53.R5")) {
            GatedPack.Verdict verdict = result.gate().verdicts().get(pack);
            assertTrue(verdict.stacks() >= templates.stacks().size(), pack + " ran on every stack");
            verdict.violations().stream().filter(v -> "error".equals(v.getSeverity()))
                    .forEach(v -> errors.add(pack + " " + v.getRuleName()));
        }
        assertEquals(List.of(), errors);
        List<String> baselineFindings = result.gate().verdicts().get("BlueprintChecks").violations().stream()
                .map(v -> v.getRuleName()).filter(r -> r.contains("AuditBaseline")).toList();
        assertEquals(List.of(), baselineFindings);
    }

    @Test
    void anOrganizationTrailWithoutItsLogGroupWarnsThatItsAlarmsAreNotCreatedHere() {
        assertEquals(List.of(), trailFilters(MEMBER));
        Annotations.fromStack(audit(MEMBER)).hasWarning("*", Match.stringLikeRegexp(
                ".*existingBaseline.trail \\(" + ORG_TRAIL_ARN + "\\) names no logGroupName: the CIS metric filters "
                        + "and alarms on the trail .* are not created in this account.*"));
    }

    @Test
    void theGivenDetectorIsWatchedNotCreated() {
        // The tamper alert still watches DeleteDetector; nothing of the stack refers to a detector resource.
        assertEquals(0, count(MEMBER, "AWS::GuardDuty::Detector"));
        assertEquals(1, count(OWN_TRAIL, "AWS::GuardDuty::Detector"));
    }

    @Test
    void anOwnTrailsLogGroupGetsTheAlarmsAndItsTrailIsRestartedWhenStopped() {
        assertEquals(0, count(OWN_TRAIL, "AWS::CloudTrail::Trail"));
        List<StackTemplate> stacks = stacksOf(OWN_TRAIL);
        List<String> filterGroups = trailFilters(OWN_TRAIL).stream()
                .map(f -> f.prop("LogGroupName").asText()).distinct().toList();
        assertEquals(List.of("account-trail/logs"), filterGroups);
        assertTrue(count(OWN_TRAIL, "AWS::CloudWatch::Alarm") >= filterGroups.size());
        boolean restarts = stacks.stream().flatMap(s -> s.ofType("AWS::IAM::ManagedPolicy").stream())
                .anyMatch(p -> p.prop("PolicyDocument").toString().contains("\"cloudtrail:StartLogging\"")
                        && p.prop("PolicyDocument").toString().contains(OWN_TRAIL_ARN));
        assertTrue(restarts, "the restart runbook may start the account's own trail");
    }

    @Test
    void anAccountWhoseRecorderTheAppCreatesGetsConfigsServiceLinkedRoleFirst() throws Exception {
        StackTemplate audit = auditTemplate(OWN_TRAIL);
        var roles = audit.ofType("AWS::IAM::ServiceLinkedRole");
        assertEquals(1, roles.size());
        assertEquals("config.amazonaws.com", roles.get(0).prop("AWSServiceName").asText());
        JsonNode resources = ConfigReader.JSON.readTree(audit.templatePath().toFile()).path("Resources");
        String recorder = audit.ofType("AWS::Config::ConfigurationRecorder").get(0).logicalId();
        assertTrue(texts(resources.path(recorder).path("DependsOn")).contains(roles.get(0).logicalId()),
                resources.path(recorder).toString());
        assertEquals("Retain", resources.path(roles.get(0).logicalId()).path("DeletionPolicy").asText());
    }

    private static StackTemplate auditTemplate(final String account) {
        String id = audit(account).getArtifactId();
        return templates.stacks().values().stream().filter(s -> s.name().equals(id)).findFirst().orElseThrow();
    }

    /**
     * {@code cdk deploy '<stage>/*'} addresses one account and region: the CLI matches a stack's hierarchical id
     * (its construct path), which starts with its stage's name, and each stage's assembly holds only the stacks of
     * its account and region.
     */
    @Test
    void eachStageAddressesTheStacksOfOneAccountAndRegion() {
        assertEquals(List.of("prod-" + MEMBER + "-eu-west-1", "prod-" + OWN_TRAIL + "-eu-west-1"),
                result.stages().stream().map(DeploymentStage::getStageName).toList());
        for (DeploymentStage stage : result.stages()) {
            List<StackTemplate> inStage = templates.stacks().values().stream()
                    .filter(t -> t.templatePath().toString().contains("assembly-" + stage.getStageName())).toList();
            assertEquals(3, inStage.size(), stage.getStageName());
            inStage.forEach(t -> assertEquals(stage.getStageName(), "prod-" + t.account() + "-" + t.region()));
        }
        List<software.amazon.awscdk.Stack> stacks = new ArrayList<>(result.stacks());
        stacks.addAll(result.auditStacks());
        stacks.addAll(result.detectionStacks());
        for (software.amazon.awscdk.Stack stack : stacks) {
            String stage = "prod-" + stack.getAccount() + "-" + stack.getRegion();
            assertTrue(stack.getNode().getPath().startsWith(stage + "/"), stack.getNode().getPath());
        }
    }

    private static List<String> texts(final JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.event.ruler.Ruler;

/**
 * The finding routes of every detector to the alerts (BP-MON-2, BP-MON-4), their event patterns run through
 * EventBridge's matching engine (event-ruler) against published samples (test/samples/README.md) and variants the
 * tests derive from them, and the messages the alerts carry.
 */
class FindingAlertsTest {
    private static Template template;
    private static Map<String, Map<String, Object>> rules;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecurityAlerts alerts = new SecurityAlerts(stack, "Alerts", null);
        new GuardDutyFindingAlerts(stack, "AllFindings", GuardDutyFindingAlertsProps.builder().alerts(alerts).build());
        // As the app wires it: instance findings left to InstanceFindingAlerts; low severity on, for its own tests.
        new GuardDutyFindingAlerts(stack, "OtherFindings", GuardDutyFindingAlertsProps.builder().alerts(alerts)
                .excludeInstanceFindings(true).alertOnLowSeverity(true).build());
        new InstanceFindingAlerts(stack, "InstanceFindings", alerts, InstanceFindingAlerts.DEFAULT_SEVERITY_THRESHOLD);
        List<String> ruleNames = new ArrayList<>(List.of("cloudtrail-enabled", "restricted-ssh"));
        for (int i = 3; i <= 12; i++) {
            ruleNames.add("blueprint-rule-" + i);
        }
        new ConfigComplianceAlerts(stack, "ConfigCompliance", alerts, ruleNames);
        new SecurityHub(stack, "SecurityHub", SecurityHubProps.builder().alerts(alerts).build());
        // As the app wires it, beside the GuardDuty rules; here also adopting an existing hub.
        new SecurityHub(stack, "AdoptedHub", SecurityHubProps.builder().alerts(alerts).existingHub(true)
                .excludeGuardDutyFindings(true).excludedControlIds(List.of("EC2.2", "EC2.19")).build());
        template = Template.fromStack(stack);
        rules = template.findResources("AWS::Events::Rule");
    }

    private static boolean fires(final String description, final String event) throws Exception {
        return Ruler.matchesRule(event, Samples.pattern(rules, description));
    }

    // --------------------------------------------------------------------------------------- GuardDuty, by band

    private static final String HIGH = "GuardDuty finding, severity HIGH (>= 7.0)";
    private static final String MEDIUM = "GuardDuty finding, severity MEDIUM (>= 4.0 and < 7.0)";
    private static final String OTHER_HIGH = "GuardDuty finding not on an EC2 instance, severity HIGH (>= 7.0)";
    private static final String OTHER_MEDIUM =
            "GuardDuty finding not on an EC2 instance, severity MEDIUM (>= 4.0 and < 7.0)";
    private static final String OTHER_LOW = "GuardDuty finding not on an EC2 instance, severity LOW (> 0 and < 4.0)";
    private static final String INSTANCE = "GuardDuty finding on an EC2 instance in any VPC, severity >= 4.0";

    /** A published finding with another type, resource type and severity (the fields the bands read). */
    private static String variant(final String sample, final String type, final String resourceType,
                                  final double severity) throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(Samples.event(sample));
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("type", type);
        detail.put("severity", severity);
        ((ObjectNode) detail.get("resource")).put("resourceType", resourceType);
        return event.toString();
    }

    @Test
    void mediumBandFiresOnThePublishedIamFindingAndHighBandDoesNot() throws Exception {
        String iam = Samples.event("guardduty-finding-iam");   // severity 5, AccessKey
        assertTrue(fires(MEDIUM, iam));
        assertTrue(fires(OTHER_MEDIUM, iam));
        assertFalse(fires(HIGH, iam));
    }

    @Test
    void highBandFiresOnEveryResourceTypeAtSevenAndAbove() throws Exception {
        List<List<String>> findings = List.of(
                List.of("UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "AccessKey"),
                List.of("Policy:S3/BucketBlockPublicAccessDisabled", "S3Bucket"),
                List.of("PrivilegeEscalation:Kubernetes/PrivilegedContainer", "EKSCluster"),
                List.of("CredentialAccess:RDS/AnomalousBehavior.SuccessfulBruteForce", "RDSDBInstance"),
                List.of("Backdoor:Lambda/C&CActivity.B", "Lambda"),
                List.of("Execution:Runtime/ReverseShell", "ECSCluster"),
                List.of("Execution:EC2/MaliciousFile", "Instance"),
                List.of("Object:S3/MaliciousFile", "S3Object"));
        for (List<String> f : findings) {
            String event = variant("guardduty-finding-iam", f.get(0), f.get(1), 8.0);
            assertTrue(fires(HIGH, event), f.toString());
            assertFalse(fires(MEDIUM, event), f.toString());
            assertEquals(!"Instance".equals(f.get(1)), fires(OTHER_HIGH, event), f.toString());
        }
    }

    @Test
    void bandsMeetAtSevenAndFour() throws Exception {
        assertTrue(fires(HIGH, variant("guardduty-finding-iam", "UnauthorizedAccess:IAMUser/TorIPCaller",
                "AccessKey", 7.0)));
        assertFalse(fires(MEDIUM, variant("guardduty-finding-iam", "UnauthorizedAccess:IAMUser/TorIPCaller",
                "AccessKey", 7.0)));
        assertTrue(fires(MEDIUM, variant("guardduty-finding-iam", "UnauthorizedAccess:IAMUser/TorIPCaller",
                "AccessKey", 4.0)));
        assertFalse(fires(MEDIUM, variant("guardduty-finding-iam", "UnauthorizedAccess:IAMUser/TorIPCaller",
                "AccessKey", 3.9)));
    }

    @Test
    void lowSeverityFindingsAlertOnlyWhenAskedFor() throws Exception {
        String lowS3 = variant("guardduty-finding-iam", "Policy:S3/BucketBlockPublicAccessDisabled", "S3Bucket", 2.0);
        assertFalse(fires(HIGH, lowS3));
        assertFalse(fires(MEDIUM, lowS3));
        assertTrue(fires(OTHER_LOW, lowS3), "alertOnLowSeverity");
        assertFalse(rules.values().stream().anyMatch(r -> String.valueOf(((Map<?, ?>) r.get("Properties"))
                .get("Description")).equals("GuardDuty finding, severity LOW (> 0 and < 4.0)")),
                "no low band by default");
    }

    @Test
    void archivedFindingsDoNotAlert() throws Exception {
        String archived = Samples.event("guardduty-finding-iam-accesskey-with-instancedetails");   // severity 5
        assertFalse(fires(MEDIUM, archived));
        assertFalse(fires(OTHER_MEDIUM, archived));
    }

    @Test
    void otherEventsDoNotAlert() throws Exception {
        assertFalse(fires(MEDIUM, Samples.viaEventBridge("stop-logging")));
        assertFalse(fires(HIGH, Samples.event("cloudtrail-api-call-s3-createbucket")));
    }

    /** The app's wiring: every finding of medium severity or above is reported by exactly one rule. */
    @Test
    void eachFindingIsReportedOnceBesideInstanceFindingAlerts() throws Exception {
        List<String> appRules = List.of(OTHER_HIGH, OTHER_MEDIUM, INSTANCE);
        List<String> events = List.of(
                Samples.event("guardduty-finding-backdoor-cc-dns"),   // Instance, 5
                variant("guardduty-finding-backdoor-cc-dns", "Backdoor:EC2/C&CActivity.B!DNS", "Instance", 8.0),
                Samples.event("guardduty-finding-iam"),   // AccessKey, 5
                variant("guardduty-finding-iam", "Policy:S3/BucketAnonymousAccessGranted", "S3Bucket", 8.0));
        for (String event : events) {
            long count = 0;
            for (String rule : appRules) {
                count += fires(rule, event) ? 1 : 0;
            }
            assertEquals(1, count, event);
        }
    }

    @Test
    void guardDutyAlertNamesTypeSeverityResourceAccountAndRegion() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Description", HIGH, "Targets", List.of(
                Match.objectLike(Map.of("InputTransformer", Map.of(
                        "InputPathsMap", Map.of(
                                "detail-type", "$.detail.type",
                                "detail-severity", "$.detail.severity",
                                "detail-resource-resourceType", "$.detail.resource.resourceType",
                                "account", "$.account",
                                "region", "$.region",
                                "detail-title", "$.detail.title",
                                "detail-id", "$.detail.id"),
                        "InputTemplate", "\"GuardDuty HIGH finding <detail-type> (severity <detail-severity>) on "
                                + "<detail-resource-resourceType> in account <account> <region>: <detail-title> "
                                + "(finding <detail-id>)\""))))));
    }

    // ------------------------------------------------------------------------------------- AWS Config compliance

    private static final String CONFIG_1 = "AWS Config rule turned NON_COMPLIANT (rules 1-10 of 12)";
    private static final String CONFIG_2 = "AWS Config rule turned NON_COMPLIANT (rules 11-12 of 12)";

    /**
     * The published compliance-change notification's message as EventBridge delivers it: the same fields in
     * {@code detail} of a {@code Config Rules Compliance Change} event from {@code aws.config} (samples/README.md).
     */
    private static ObjectNode complianceChange(final String ruleName, final String complianceType) throws Exception {
        ObjectNode message = (ObjectNode) Samples.JSON.readTree(Samples.configNotification(
                "compliance-change-sns-notification-compliant")).get("Message");
        message.put("configRuleName", ruleName);
        ((ObjectNode) message.get("newEvaluationResult")).put("complianceType", complianceType);
        ObjectNode event = Samples.JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", "00000000-0000-0000-0000-000000000000");
        event.put("detail-type", "Config Rules Compliance Change");
        event.put("source", "aws.config");
        event.put("account", message.get("awsAccountId").asText());
        event.put("time", message.get("notificationCreationTime").asText());
        event.put("region", message.get("awsRegion").asText());
        event.putArray("resources").add(message.get("configRuleARN").asText());
        event.set("detail", message);
        return event;
    }

    @Test
    void configRuleTurningNonCompliantAlerts() throws Exception {
        assertTrue(fires(CONFIG_1, complianceChange("cloudtrail-enabled", "NON_COMPLIANT").toString()));
        assertTrue(fires(CONFIG_2, complianceChange("blueprint-rule-12", "NON_COMPLIANT").toString()),
                "the names past the tenth are in the second rule");
        assertFalse(fires(CONFIG_1, complianceChange("blueprint-rule-12", "NON_COMPLIANT").toString()));
    }

    @Test
    void configComplianceAlertIgnoresCompliantResultsAndOtherRules() throws Exception {
        assertFalse(fires(CONFIG_1, complianceChange("cloudtrail-enabled", "COMPLIANT").toString()),
                "as published: turned COMPLIANT");
        assertFalse(fires(CONFIG_1, complianceChange("cloudtrail-enabled", "NOT_APPLICABLE").toString()));
        assertFalse(fires(CONFIG_1, complianceChange("someone-elses-rule", "NON_COMPLIANT").toString()));
        assertFalse(fires(CONFIG_1, Samples.viaEventBridge("stop-configuration-recorder")));
    }

    @Test
    void configAlertNamesRuleResourceAccountAndRegion() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Description", CONFIG_1, "Targets", List.of(
                Match.objectLike(Map.of("InputTransformer", Map.of(
                        "InputPathsMap", Map.of(
                                "detail-resourceType", "$.detail.resourceType",
                                "detail-resourceId", "$.detail.resourceId",
                                "detail-configRuleName", "$.detail.configRuleName",
                                "account", "$.account",
                                "region", "$.region"),
                        "InputTemplate", "\"AWS Config: <detail-resourceType> <detail-resourceId> is NON_COMPLIANT "
                                + "with rule <detail-configRuleName> in account <account> <region>: see the rule's "
                                + "compliance in AWS Config\""))))));
    }

    @Test
    void failsWithoutConfigRuleNames() {
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new ConfigComplianceAlerts(TestStacks.regionalStack(), "Config",
                        new SecurityAlerts(TestStacks.regionalStack(), "Alerts", null), List.of()));
        assertTrue(e.getMessage().contains("SVPC-019"), e.getMessage());
        assertTrue(e.getMessage().contains("configRuleNames = []: at least one AWS Config rule name, none blank"),
                e.getMessage());
    }

    // ----------------------------------------------------------------------------------------------- Security Hub

    private static final String HUB_HIGH = "Security Hub finding HIGH or CRITICAL, new and active";
    private static final String HUB_HIGH_NOT_GUARDDUTY = "Security Hub finding HIGH or CRITICAL, new and active, "
            + "not from GuardDuty or Security Hub";
    private static final String HUB_CONTROLS = "Security Hub control finding HIGH or CRITICAL, new and active, not of "
            + "EC2.2, EC2.19";

    /** A published Security Hub event with its finding's severity label, workflow status and record state set. */
    private static String hubFinding(final String sample, final String label, final String workflow,
                                     final String recordState) throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(Samples.event(sample));
        ObjectNode finding = (ObjectNode) event.at("/detail/findings/0");
        ((ObjectNode) finding.get("Severity")).put("Label", label);
        ((ObjectNode) finding.get("Workflow")).put("Status", workflow);
        finding.put("RecordState", recordState);
        return event.toString();
    }

    @Test
    void hubIsCreatedWithConsolidatedControlFindingsAndNoDefaultStandards() {
        template.resourceCountIs("AWS::SecurityHub::Hub", 1);
        template.hasResource("AWS::SecurityHub::Hub", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
                "EnableDefaultStandards", false, "ControlFindingGenerator", "SECURITY_CONTROL",
                "AutoEnableControls", true)));
    }

    @Test
    void foundationalBestPracticesAndCisV3AreEnabledForTheStacksPartitionAndRegion() {
        template.resourceCountIs("AWS::SecurityHub::Standard", 2);
        for (String path : List.of("aws-foundational-security-best-practices/v/1.0.0",
                "cis-aws-foundations-benchmark/v/3.0.0")) {
            template.hasResource("AWS::SecurityHub::Standard", Map.of("DeletionPolicy", "Retain",
                    "DependsOn", List.of(Match.stringLikeRegexp("SecurityHub[0-9A-F]{8}")),
                    "Properties", Map.of("StandardsArn", TestStacks.arn(":securityhub:eu-west-1::standards/" + path))));
        }
    }

    @Test
    void highAndCriticalFindingsThatAreNewAndActiveAlert() throws Exception {
        for (String label : List.of("HIGH", "CRITICAL")) {
            String control = hubFinding("securityhub-findings-imported-fsbp", label, "NEW", "ACTIVE");
            assertTrue(fires(HUB_HIGH, control), label);
            assertTrue(fires(HUB_CONTROLS, control), label + ": CloudTrail.2 is not excluded");
            assertFalse(fires(HUB_HIGH_NOT_GUARDDUTY, control), "control findings go through the control rule only");
        }
    }

    /** A control that one of the blueprint's own AWS Config rules checks alerts through ConfigComplianceAlerts only. */
    @Test
    void excludedControlsDoNotAlert() throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(hubFinding("securityhub-findings-imported-fsbp", "HIGH",
                "NEW", "ACTIVE"));
        ((ObjectNode) event.at("/detail/findings/0/Compliance")).put("SecurityControlId", "EC2.2");
        assertFalse(fires(HUB_CONTROLS, event.toString()));
        assertFalse(fires(HUB_HIGH_NOT_GUARDDUTY, event.toString()));
        assertTrue(fires(HUB_HIGH, event.toString()), "without exclusions it alerts");
    }

    /** Findings of other products (Inspector, Macie, IAM Access Analyzer) carry no control id and still alert. */
    @Test
    void otherProductsFindingsAlertBesideExcludedControls() throws Exception {
        ObjectNode event = (ObjectNode) Samples.JSON.readTree(hubFinding("securityhub-findings-imported-guardduty",
                "HIGH", "NEW", "ACTIVE"));
        ((ObjectNode) event.at("/detail/findings/0/ProductFields")).put("aws/securityhub/ProductName", "Inspector");
        assertTrue(fires(HUB_HIGH_NOT_GUARDDUTY, event.toString()));
        assertFalse(fires(HUB_CONTROLS, event.toString()));
    }

    @Test
    void mediumNotifiedOrArchivedFindingsDoNotAlert() throws Exception {
        assertFalse(fires(HUB_HIGH, Samples.event("securityhub-findings-imported-fsbp")), "as published: MEDIUM");
        assertFalse(fires(HUB_HIGH, hubFinding("securityhub-findings-imported-fsbp", "HIGH", "NOTIFIED", "ACTIVE")));
        assertFalse(fires(HUB_HIGH, hubFinding("securityhub-findings-imported-fsbp", "HIGH", "NEW", "ARCHIVED")));
        assertFalse(fires(HUB_HIGH, Samples.event("guardduty-finding-iam")), "GuardDuty's own event");
    }

    /** GuardDuty's findings reach Security Hub too: beside the GuardDuty rules, the hub's rule leaves them out. */
    @Test
    void guardDutyFindingsImportedIntoSecurityHubAlertOnlyWhereNotExcluded() throws Exception {
        String guardDuty = hubFinding("securityhub-findings-imported-guardduty", "HIGH", "NEW", "ACTIVE");
        assertTrue(fires(HUB_HIGH, guardDuty));
        assertFalse(fires(HUB_HIGH_NOT_GUARDDUTY, guardDuty));
        assertFalse(fires(HUB_CONTROLS, guardDuty));
    }

    @Test
    void adoptingAnExistingHubCreatesNeitherHubNorStandards() {
        template.resourceCountIs("AWS::SecurityHub::Hub", 1);   // the other construct's
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Description", HUB_HIGH_NOT_GUARDDUTY));
    }

    @Test
    void hubAlertNamesSeverityProductTitleResourceAccountAndRegion() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Description", HUB_HIGH, "Targets", List.of(
                Match.objectLike(Map.of("InputTransformer", Match.objectLike(Map.of("InputPathsMap", Match.objectLike(
                        Map.of("detail-findings-0--Title", "$.detail.findings[0].Title")))))))));
    }

    @Test
    void failsOnAMalformedDelegatedAdministrator() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () -> new SecurityHub(stack,
                "Hub", SecurityHubProps.builder().alerts(new SecurityAlerts(stack, "Alerts", null))
                        .delegatedAdminAccountId("12345").build()));
        assertTrue(e.getMessage().contains("[SVPC-009] delegatedAdminAccountId = '12345': a 12-digit account id"), e.getMessage());
    }

    @Test
    void organizationModeDesignatesTheAdministratorAndAutoEnablesMembers() {
        Template org = TestStacks.template(stack -> new SecurityHub(stack, "Hub", SecurityHubProps.builder()
                .alerts(new SecurityAlerts(stack, "Alerts", null)).delegatedAdminAccountId("222222222222")
                .autoEnableOrganizationMembers(true).build()));
        org.hasResourceProperties("AWS::SecurityHub::DelegatedAdmin", Map.of("AdminAccountId", "222222222222"));
        org.hasResourceProperties("AWS::SecurityHub::OrganizationConfiguration", Map.of("AutoEnable", true,
                "AutoEnableStandards", "DEFAULT", "ConfigurationType", "LOCAL"));
        template.resourceCountIs("AWS::SecurityHub::DelegatedAdmin", 0);
        template.resourceCountIs("AWS::SecurityHub::OrganizationConfiguration", 0);
    }
}

package io.securevpc.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.TestStacks;
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
}

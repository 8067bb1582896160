package io.securevpc.audit;

import static io.securevpc.audit.SecurityEvent.CLOUDTRAIL_CHANGES;
import static io.securevpc.audit.SecurityEvent.CONFIG_CHANGES;
import static io.securevpc.audit.SecurityEvent.CONSOLE_SIGN_IN_FAILURES;
import static io.securevpc.audit.SecurityEvent.CONSOLE_SIGN_IN_WITHOUT_MFA;
import static io.securevpc.audit.SecurityEvent.FLOW_LOG_CHANGES;
import static io.securevpc.audit.SecurityEvent.IAM_POLICY_CHANGES;
import static io.securevpc.audit.SecurityEvent.KMS_KEY_DISABLED;
import static io.securevpc.audit.SecurityEvent.NACL_CHANGES;
import static io.securevpc.audit.SecurityEvent.NETWORK_GATEWAY_CHANGES;
import static io.securevpc.audit.SecurityEvent.ROOT_ACCOUNT_USAGE;
import static io.securevpc.audit.SecurityEvent.ROUTE_TABLE_CHANGES;
import static io.securevpc.audit.SecurityEvent.S3_BUCKET_POLICY_CHANGES;
import static io.securevpc.audit.SecurityEvent.SECURITY_GROUP_CHANGES;
import static io.securevpc.audit.SecurityEvent.TRANSIT_GATEWAY_CHANGES;
import static io.securevpc.audit.SecurityEvent.UNAUTHORIZED_API_CALLS;
import static io.securevpc.audit.SecurityEvent.VPC_CHANGES;
import static io.securevpc.audit.SecurityEvent.VPC_ENDPOINT_CHANGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every alarm's filter pattern (BP-MON-3) against the published CloudTrail records in
 * {@code test/samples/cloudtrail-records/} (provenance in that directory's README): each filter matches
 * the records of the changes it claims and no other record, so each record is both a match for its filter and
 * a near-miss for every other one.
 *
 * <p>No published record exists for transit gateway or VPC endpoint changes (samples README, "Missing"):
 * those two filters are checked only for rejecting every sample, and for listing the calls by name.
 */
class SecurityEventPatternsTest {
    private static final Path SAMPLES = Path.of("test", "samples", "cloudtrail-records");
    private static Map<String, JsonNode> records;

    /** Which filters must fire on which published record; a record absent here fires none. */
    private static final Map<String, Set<SecurityEvent>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("unauthorized-api-call", EnumSet.of(UNAUTHORIZED_API_CALLS));
        EXPECTED.put("error-not-access-denied", EnumSet.of(CLOUDTRAIL_CHANGES));
        EXPECTED.put("console-login-no-mfa", EnumSet.of(CONSOLE_SIGN_IN_WITHOUT_MFA));
        EXPECTED.put("console-login-with-mfa", EnumSet.noneOf(SecurityEvent.class));
        EXPECTED.put("root-account-usage", EnumSet.of(ROOT_ACCOUNT_USAGE));
        EXPECTED.put("root-console-login-mfa-uppercase", EnumSet.of(ROOT_ACCOUNT_USAGE));
        EXPECTED.put("put-user-policy", EnumSet.of(IAM_POLICY_CHANGES));
        EXPECTED.put("stop-logging", EnumSet.of(CLOUDTRAIL_CHANGES));
        EXPECTED.put("stop-logging-failed", EnumSet.of(CLOUDTRAIL_CHANGES));
        EXPECTED.put("start-logging", EnumSet.of(CLOUDTRAIL_CHANGES));
        EXPECTED.put("put-configuration-recorder", EnumSet.of(CONFIG_CHANGES));
        EXPECTED.put("stop-configuration-recorder", EnumSet.of(CONFIG_CHANGES));
        EXPECTED.put("disable-kms-key", EnumSet.of(KMS_KEY_DISABLED));
        EXPECTED.put("authorize-sg-ingress", EnumSet.of(SECURITY_GROUP_CHANGES));
        EXPECTED.put("authorize-sg-ingress-loopback-32", EnumSet.of(SECURITY_GROUP_CHANGES));
        // composed from the EC2 API reference (test/samples/README.md): a rule modified is a security-group change
        EXPECTED.put("modify-sg-rules-world-ssh", EnumSet.of(SECURITY_GROUP_CHANGES));
        // composed from the EC2 API reference (test/samples/README.md): an endpoint policy replaced
        EXPECTED.put("modify-vpc-endpoint-policy", EnumSet.of(VPC_ENDPOINT_CHANGES));
        EXPECTED.put("create-network-acl-entry", EnumSet.of(NACL_CHANGES));
        EXPECTED.put("attach-internet-gateway", EnumSet.of(NETWORK_GATEWAY_CHANGES));
        EXPECTED.put("create-route", EnumSet.of(ROUTE_TABLE_CHANGES));
        EXPECTED.put("create-vpc", EnumSet.of(VPC_CHANGES));
        EXPECTED.put("delete-flow-logs", EnumSet.of(FLOW_LOG_CHANGES));
        EXPECTED.put("console-login-failure", EnumSet.of(CONSOLE_SIGN_IN_FAILURES));
        EXPECTED.put("root-console-login-failure", EnumSet.of(CONSOLE_SIGN_IN_FAILURES, ROOT_ACCOUNT_USAGE));
        EXPECTED.put("put-bucket-acl", EnumSet.of(S3_BUCKET_POLICY_CHANGES));
        EXPECTED.put("put-bucket-acl-access-denied", EnumSet.of(S3_BUCKET_POLICY_CHANGES, UNAUTHORIZED_API_CALLS));
        EXPECTED.put("get-bucket-policy", EnumSet.noneOf(SecurityEvent.class));
    }

    @BeforeAll
    static void readRecords() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        records = new TreeMap<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                records.put(file.getFileName().toString().replace(".json", ""), mapper.readTree(file.toFile()));
            }
        }
    }

    @Test
    void everyPublishedRecordIsInTheExpectationTable() {
        assertEquals(new TreeMap<>(EXPECTED).keySet(), records.keySet());
    }

    @Test
    void eachRecordFiresExactlyTheFiltersOfTheChangeItRecords() {
        Map<String, Set<SecurityEvent>> fired = new TreeMap<>();
        for (Map.Entry<String, JsonNode> record : records.entrySet()) {
            fired.put(record.getKey(), Stream.of(SecurityEvent.values())
                    .filter(e -> FilterPatternEvaluator.matches(e.pattern(), record.getValue()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(SecurityEvent.class))));
        }
        assertEquals(new TreeMap<>(EXPECTED), fired);
    }

    @Test
    void everyFilterButTransitGatewayChangesMatchesAtLeastOneSampleRecord() {
        Set<SecurityEvent> matched = EXPECTED.values().stream().flatMap(Set::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SecurityEvent.class)));
        assertEquals(EnumSet.complementOf(EnumSet.of(TRANSIT_GATEWAY_CHANGES)), matched);
    }

    @Test
    void signInFailuresFireOnFailedAuthenticationOfUsersAndRootButNotOnSuccess() {
        assertTrue(fires(CONSOLE_SIGN_IN_FAILURES, "console-login-failure"));
        assertTrue(fires(CONSOLE_SIGN_IN_FAILURES, "root-console-login-failure"));
        assertFalse(fires(CONSOLE_SIGN_IN_FAILURES, "console-login-no-mfa"));
        assertFalse(fires(CONSOLE_SIGN_IN_FAILURES, "root-account-usage"));
    }

    @Test
    void bucketPolicyChangesFireOnAclAndPolicyWritesEvenRefusedOnesButNotOnReads() {
        assertTrue(fires(S3_BUCKET_POLICY_CHANGES, "put-bucket-acl"));
        assertTrue(fires(S3_BUCKET_POLICY_CHANGES, "put-bucket-acl-access-denied"));
        assertFalse(fires(S3_BUCKET_POLICY_CHANGES, "get-bucket-policy"));
        for (String call : List.of("PutBucketPolicy", "DeleteBucketPolicy", "PutBucketLifecycle",
                "PutObjectLockConfiguration")) {
            assertTrue(S3_BUCKET_POLICY_CHANGES.pattern().contains("($.eventName = \"" + call + "\")"), call);
        }
    }

    @Test
    void unauthorizedCallsFireOnAccessDeniedButNotOnOtherErrors() {
        assertTrue(fires(UNAUTHORIZED_API_CALLS, "unauthorized-api-call"));
        assertFalse(fires(UNAUTHORIZED_API_CALLS, "error-not-access-denied"));
    }

    @Test
    void signInWithoutMfaIsForIamUsersAndIgnoresRootWhoseUseAlarmsOnItsOwn() {
        assertTrue(fires(CONSOLE_SIGN_IN_WITHOUT_MFA, "console-login-no-mfa"));
        assertFalse(fires(CONSOLE_SIGN_IN_WITHOUT_MFA, "console-login-with-mfa"));
        // Root's "YES" (capitals) would fire the literal CIS 3.2 filter; root sign-ins are ROOT_ACCOUNT_USAGE.
        assertFalse(fires(CONSOLE_SIGN_IN_WITHOUT_MFA, "root-console-login-mfa-uppercase"));
        assertTrue(fires(ROOT_ACCOUNT_USAGE, "root-console-login-mfa-uppercase"));
    }

    @Test
    void rootUsageIgnoresIamUsersAndServicesActingForThem() {
        assertTrue(fires(ROOT_ACCOUNT_USAGE, "root-account-usage"));
        assertFalse(fires(ROOT_ACCOUNT_USAGE, "console-login-no-mfa"));
        assertFalse(fires(ROOT_ACCOUNT_USAGE, "start-logging"), "invokedBy signin.amazonaws.com, an IAM user");
    }

    @Test
    void cloudTrailFilterFiresOnAnyTrailChangeEvenAFailedOne() {
        assertTrue(fires(CLOUDTRAIL_CHANGES, "stop-logging"));
        assertTrue(fires(CLOUDTRAIL_CHANGES, "stop-logging-failed"), "an attempt to stop the trail is worth an alarm");
        assertFalse(fires(CLOUDTRAIL_CHANGES, "stop-configuration-recorder"));
    }

    @Test
    void configFilterNeedsTheConfigServiceNotJustAStopCall() {
        assertTrue(fires(CONFIG_CHANGES, "stop-configuration-recorder"));
        assertFalse(fires(CONFIG_CHANGES, "stop-logging"));
    }

    @Test
    void networkFiltersTellSecurityGroupsNaclsGatewaysRoutesVpcsAndFlowLogsApart() {
        assertTrue(fires(SECURITY_GROUP_CHANGES, "authorize-sg-ingress"));
        assertFalse(fires(SECURITY_GROUP_CHANGES, "create-network-acl-entry"));
        assertTrue(fires(NACL_CHANGES, "create-network-acl-entry"));
        assertFalse(fires(NACL_CHANGES, "authorize-sg-ingress"));
        assertTrue(fires(NETWORK_GATEWAY_CHANGES, "attach-internet-gateway"));
        assertFalse(fires(NETWORK_GATEWAY_CHANGES, "create-route"), "a route to an IGW is a route-table change");
        assertTrue(fires(ROUTE_TABLE_CHANGES, "create-route"));
        assertFalse(fires(ROUTE_TABLE_CHANGES, "attach-internet-gateway"));
        assertTrue(fires(VPC_CHANGES, "create-vpc"));
        assertFalse(fires(VPC_CHANGES, "create-route"));
        assertTrue(fires(FLOW_LOG_CHANGES, "delete-flow-logs"));
        assertFalse(fires(FLOW_LOG_CHANGES, "create-vpc"));
    }

    @Test
    void transitGatewayAndEndpointFiltersListTheirCallsByName() {
        assertTrue(TRANSIT_GATEWAY_CHANGES.pattern().contains("($.eventName = \"CreateTransitGatewayVpcAttachment\")"));
        assertTrue(VPC_ENDPOINT_CHANGES.pattern().contains("($.eventName = \"ModifyVpcEndpoint\")"));
        assertFalse(fires(TRANSIT_GATEWAY_CHANGES, "attach-internet-gateway"));
        assertFalse(fires(VPC_ENDPOINT_CHANGES, "create-vpc"));
    }

    @Test
    void everyPatternParsesAndFitsCloudWatchsLengthLimit() {
        for (SecurityEvent event : SecurityEvent.values()) {
            FilterPatternEvaluator.parse(event.pattern());
            assertTrue(event.pattern().length() <= SecurityEvent.MAX_PATTERN_LENGTH,
                    () -> event + " is " + event.pattern().length() + " characters");
        }
    }

    private static boolean fires(final SecurityEvent event, final String record) {
        return FilterPatternEvaluator.matches(event.pattern(), records.get(record));
    }
}

package io.securevpc.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.iam.PolicyEvaluator.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may do what (BP-IAM-1..4, BP-NET-5, BP-MON-1): each operator role's policy, limited by the permission
 * boundary, evaluated against sample requests on the resources of one VPC ("A") and of another VPC ("B").
 * ALLOWED: granted; NOT_GRANTED: no statement grants it (implicit deny); DENIED: a guardrail denies it.
 * Pure Java: the same typed statements the constructs render, with literal sample ARNs.
 */
class OperatorAccessTableTest {
    static final String ACCOUNT = "111111111111";
    static final String VPC_A = "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/vpc-a";
    static final String VPC_B = "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/vpc-b";
    static final String FLOW_LOG_GROUP = "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:flow-logs:*";
    static final String BOUNDARY = "arn:aws:iam::" + ACCOUNT + ":policy/NetworkBoundary";
    static final NetworkResources VPC_A_RESOURCES = NetworkResources.builder("aws", "eu-west-1", ACCOUNT, "vpc-a")
            .subnetIds(List.of("subnet-a1", "subnet-a2"))
            .routeTableIds(List.of("rtb-a1", "rtb-a2"))
            .securityGroupIds(List.of("sg-app", "sg-db"))
            .networkAclIds(List.of("acl-app"))
            .vpcEndpointIds(List.of("vpce-s3"))
            .logGroupArns(List.of(FLOW_LOG_GROUP))
            .bucketArns(List.of("arn:aws:s3:::flow-logs"))
            .build();
    static final Guardrails.Settings GUARDRAILS = new Guardrails.Settings("aws", List.of("eu-west-1"),
            List.of(VPC_A), List.of(FLOW_LOG_GROUP), BOUNDARY);

    private static final Map<OperatorDuty, List<PolicyRule>> POLICIES = new EnumMap<>(OperatorDuty.class);
    private static final List<PolicyRule> BOUNDARY_RULES;

    static {
        List<PolicyRule> ceiling = new ArrayList<>();
        for (OperatorDuty duty : OperatorDuty.values()) {
            POLICIES.put(duty, OperatorPolicies.rules(duty, VPC_A_RESOURCES));
            ceiling.addAll(POLICIES.get(duty));
        }
        BOUNDARY_RULES = Guardrails.boundary(ceiling, GUARDRAILS);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // network administrator: routes and associations of VPC A only
                row(OperatorDuty.NETWORK_ADMIN, "ec2:CreateRoute", ec2("route-table/rtb-a1"), VPC_A, Decision.ALLOWED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:ReplaceRoute", ec2("route-table/rtb-a2"), VPC_A, Decision.ALLOWED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:AssociateRouteTable", ec2("subnet/subnet-a1"), VPC_A, Decision.ALLOWED),
                // changing an endpoint (its policy included) is no operator duty (BP-EP-3)
                row(OperatorDuty.NETWORK_ADMIN, "ec2:ModifyVpcEndpoint", ec2("vpc-endpoint/vpce-s3"), VPC_A, Decision.NOT_GRANTED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:CreateRoute", ec2("route-table/rtb-b1"), VPC_B, Decision.NOT_GRANTED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:CreateSubnet", ec2("subnet/*"), VPC_A, Decision.NOT_GRANTED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:AuthorizeSecurityGroupIngress", ec2("security-group/sg-app"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:CreateNetworkAclEntry", ec2("network-acl/acl-app"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:AttachInternetGateway", ec2("vpc/vpc-b"), VPC_B, Decision.DENIED),
                row(OperatorDuty.NETWORK_ADMIN, "ec2:DeleteFlowLogs", "*", null, Decision.DENIED),
                // security-group administrator: rules of VPC A's groups only (BP-IAM-4)
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:AuthorizeSecurityGroupIngress", ec2("security-group/sg-app"),
                        VPC_A, Decision.ALLOWED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:RevokeSecurityGroupEgress", ec2("security-group/sg-db"),
                        VPC_A, Decision.ALLOWED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:ModifySecurityGroupRules", ec2("security-group/sg-db"),
                        VPC_A, Decision.ALLOWED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:AuthorizeSecurityGroupIngress",
                        ec2("security-group/sg-other"), VPC_B, Decision.NOT_GRANTED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:AuthorizeSecurityGroupIngress", ec2("security-group/sg-app"),
                        VPC_B, Decision.NOT_GRANTED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:CreateSecurityGroup", ec2("security-group/*"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:CreateNetworkAclEntry", ec2("network-acl/acl-app"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "ec2:CreateRoute", ec2("route-table/rtb-a1"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.SECURITY_GROUP_ADMIN, "iam:DeleteRolePermissionsBoundary",
                        "arn:aws:iam::" + ACCOUNT + ":role/SecurityGroupAdmin", null, Decision.DENIED),
                // NACL administrator: entries and associations of VPC A's NACLs only (BP-IAM-4, BP-NET-5)
                row(OperatorDuty.NACL_ADMIN, "ec2:CreateNetworkAclEntry", ec2("network-acl/acl-app"), VPC_A,
                        Decision.ALLOWED),
                row(OperatorDuty.NACL_ADMIN, "ec2:DeleteNetworkAclEntry", ec2("network-acl/acl-app"), VPC_A,
                        Decision.ALLOWED),
                row(OperatorDuty.NACL_ADMIN, "ec2:ReplaceNetworkAclAssociation", ec2("subnet/subnet-a2"), VPC_A,
                        Decision.ALLOWED),
                row(OperatorDuty.NACL_ADMIN, "ec2:CreateNetworkAclEntry", ec2("network-acl/acl-other"), VPC_B,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.NACL_ADMIN, "ec2:DeleteNetworkAcl", ec2("network-acl/acl-app"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.NACL_ADMIN, "ec2:AuthorizeSecurityGroupIngress", ec2("security-group/sg-app"), VPC_A,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.NACL_ADMIN, "ec2:ModifySubnetAttribute", ec2("subnet/subnet-b1"), VPC_B, Decision.DENIED),
                // audit reader: reads flow logs and audit data, changes nothing
                row(OperatorDuty.AUDIT_READER, "logs:FilterLogEvents",
                        "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:flow-logs:log-stream:eni-1-all", null,
                        Decision.ALLOWED),
                row(OperatorDuty.AUDIT_READER, "logs:GetLogEvents",
                        "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:other:log-stream:x", null, Decision.NOT_GRANTED),
                row(OperatorDuty.AUDIT_READER, "s3:ListBucket", "arn:aws:s3:::flow-logs", null, Decision.ALLOWED),
                row(OperatorDuty.AUDIT_READER, "s3:GetObject", "arn:aws:s3:::flow-logs/vpc-flow-logs/x.log", null,
                        Decision.NOT_GRANTED),
                row(OperatorDuty.AUDIT_READER, "logs:DeleteLogGroup", FLOW_LOG_GROUP, null, Decision.DENIED),
                row(OperatorDuty.AUDIT_READER, "cloudtrail:StopLogging",
                        "arn:aws:cloudtrail:eu-west-1:" + ACCOUNT + ":trail/org", null, Decision.DENIED),
                row(OperatorDuty.AUDIT_READER, "config:StopConfigurationRecorder", "*", null, Decision.DENIED),
                row(OperatorDuty.AUDIT_READER, "guardduty:DeleteDetector", "*", null, Decision.DENIED),
                row(OperatorDuty.AUDIT_READER, "ec2:AuthorizeSecurityGroupIngress", ec2("security-group/sg-app"), VPC_A,
                        Decision.NOT_GRANTED));
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {4}")
    @MethodSource("table")
    void operatorRoleUnderTheBoundary(final OperatorDuty duty, final String action, final String resource,
                                      final String vpc, final Decision expected) {
        AccessRequest request = AccessRequest.of(action, resource).with("aws:RequestedRegion", "eu-west-1");
        if (vpc != null) {
            request = request.with("ec2:Vpc", vpc);
        }
        assertEquals(expected, PolicyEvaluator.evaluate(POLICIES.get(duty), BOUNDARY_RULES, request));
    }

    static Stream<Arguments> everyDuty() {
        return Arrays.stream(OperatorDuty.values()).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("everyDuty")
    void noRoleActsOutsideTheAllowedRegionEvenOnItsOwnResources(final OperatorDuty duty) {
        PolicyRule first = POLICIES.get(duty).get(0);
        AccessRequest request = AccessRequest.of(first.actions().get(0), first.resources().get(0))
                .with("ec2:Vpc", VPC_A).with("aws:RequestedRegion", "us-east-1");
        assertEquals(Decision.DENIED, PolicyEvaluator.evaluate(POLICIES.get(duty), BOUNDARY_RULES, request));
    }

    @ParameterizedTest
    @MethodSource("everyDuty")
    void describeStatementIsRegionScopedAndGrantsNoChange(final OperatorDuty duty) {
        PolicyRule describe = OperatorPolicies.describe(duty, "eu-west-1");
        String action = describe.actions().get(0);
        assertEquals(Decision.ALLOWED, PolicyEvaluator.evaluate(List.of(describe),
                AccessRequest.of(action, "*").with("aws:RequestedRegion", "eu-west-1")));
        assertEquals(Decision.NOT_GRANTED, PolicyEvaluator.evaluate(List.of(describe),
                AccessRequest.of(action, "*").with("aws:RequestedRegion", "us-east-1")));
        describe.actions().forEach(a -> assertEquals(true, a.contains(":Describe") || a.contains(":Get")
                || a.contains(":Lookup"), a));
    }

    private static String ec2(final String typeAndId) {
        return "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":" + typeAndId;
    }

    private static Arguments row(final OperatorDuty duty, final String action, final String resource, final String vpc,
                                 final Decision expected) {
        return Arguments.of(duty, action, resource, vpc, expected);
    }
}

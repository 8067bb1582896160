package io.securevpc.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.TestStacks;
import io.securevpc.network.SecureVpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.ArnPrincipal;

/** The boundary on every role of a stack, CDK's helper roles included (one shared template). */
class NetworkPermissionBoundaryTest {
    private static Template template;
    private static NetworkPermissionBoundary boundary;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        NetworkOperatorRoles roles = new NetworkOperatorRoles(stack, "Operators", NetworkOperatorRolesProps.builder()
                .vpc(network.getVpc())
                .auditReaders(List.of(new ArnPrincipal("arn:aws:iam::111111111111:role/Auditor")))
                .auditLogGroups(List.of(network.getFlowLogGroup()))
                .build());
        List<PolicyRule> ceiling = new ArrayList<>(roles.allRules());
        ceiling.addAll(ServiceRoleRules.of(network));
        boundary = new NetworkPermissionBoundary(stack, "Boundary", NetworkPermissionBoundaryProps.builder()
                .ceiling(ceiling)
                .protectedLogGroups(List.of(network.getFlowLogGroup()))
                .managedPolicyName("NetworkBoundary")
                .build());
        boundary.applyTo(stack);
        template = Template.fromStack(stack);
    }

    @Test
    void everyRoleOfTheStackIncludingCdkHelperRolesCarriesTheBoundary() {
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role");
        assertEquals(3, roles.size(), "audit reader, flow-log delivery, restrict-default-SG provider: " + roles.keySet());
        template.allResourcesProperties("AWS::IAM::Role", Map.of(
                "PermissionsBoundary", Map.of("Ref", Match.stringLikeRegexp("^BoundaryPolicy"))));
    }

    @Test
    void allowsTheCeilingFirstThenDeniesTheGuardrails() {
        List<String> sids = boundary.getRules().stream().map(PolicyRule::sid).toList();
        assertEquals(List.of("Ceiling1", "ProtectFlowLogs", "ProtectAuditLogGroups", "ProtectCloudTrail", "ProtectConfigRecorder",
                "ProtectGuardDuty", "NoInternetGateways", "NoPublicSubnets", "NoPublicAddressesAtLaunch",
                "StayInAllowedRegions", "KeepTheBoundaryOnRoles", "SetNoOtherBoundary", "KeepTheBoundaryUnchanged"), sids);
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("ManagedPolicyName", "NetworkBoundary",
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Sid", "StayInAllowedRegions", "Effect", "Deny", "NotAction", Guardrails.GLOBAL_SERVICE_ACTIONS,
                        "Resource", "*",
                        "Condition", Map.of("StringNotEquals", Map.of("aws:RequestedRegion", "eu-west-1"))))))));
    }

    @Test
    void mergesTheCeilingIntoOneStatementOfEveryActionOnEveryResourceWithTheSameConditions() {
        PolicyRule ceiling = boundary.getRules().get(0);
        assertEquals(List.of("logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams", "logs:StartQuery",
                "logs:CreateLogStream", "logs:PutLogEvents", "ec2:AuthorizeSecurityGroupIngress",
                "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"),
                ceiling.actions());
        assertEquals(2, ceiling.resources().size(), "the flow-log group and the default security group");
        assertTrue(ceiling.conditions().isEmpty());
    }

    @Test
    void protectsItsOwnArnFromChange() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("ManagedPolicyName", "NetworkBoundary",
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Sid", "KeepTheBoundaryUnchanged", "Effect", "Deny", "Action", Guardrails.BOUNDARY_POLICY_ACTIONS,
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":iam::111111111111:policy/NetworkBoundary")))))))));
    }

    @Test
    void failsWithAnEmptyCeilingOrNoRegion() {
        Stack stack = TestStacks.regionalStack();
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> new NetworkPermissionBoundary(stack, "Empty", NetworkPermissionBoundaryProps.builder()
                        .ceiling(List.of()).allowedRegions(List.of()).managedPolicyName("bad name").build()));
        assertEquals(3, e.getProblems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("ceiling = '[]': the allow statements of the roles it bounds"), e.getMessage());
        assertTrue(e.getMessage().contains("allowedRegions = '[]'"), e.getMessage());
        assertTrue(e.getMessage().contains("managedPolicyName = 'bad name'"), e.getMessage());
    }
}

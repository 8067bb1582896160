package io.securevpc.nag.rules.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

/** RoleSeparatesSecurityGroupAndNaclDuties (BP-IAM-4): one stack, checked once. */
class RoleSeparatesSecurityGroupAndNaclDutiesTest {
    private static final String RULE = "RoleSeparatesSecurityGroupAndNaclDuties";
    private static final String ID = "BlueprintChecks-" + RULE;
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        Map<String, Object> trust = Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "sts:AssumeRole",
                "Principal", Map.of("AWS", "arn:aws:iam::111111111111:root"))));
        CfnRole.Builder.create(stack, "L1Ec2Star").assumeRolePolicyDocument(trust)
                .policies(List.of(CfnRole.PolicyProperty.builder().policyName("all").policyDocument(Map.of(
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "ec2:*", "Resource", "*")))).build()))
                .build();
        Role both = Role.Builder.create(stack, "L2Both").assumedBy(new AccountRootPrincipal()).build();
        both.addToPolicy(PolicyStatement.Builder.create().actions(List.of("ec2:AuthorizeSecurityGroupIngress",
                "ec2:CreateNetworkAclEntry")).resources(List.of("*")).build());
        Role sgOnly = Role.Builder.create(stack, "SgOnly").assumedBy(new AccountRootPrincipal()).build();
        sgOnly.addToPolicy(PolicyStatement.Builder.create().actions(List.of("ec2:*SecurityGroup*"))
                .resources(List.of("*")).build());
        Role.Builder.create(stack, "VpcFullAccess").assumedBy(new AccountRootPrincipal())
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("AmazonVPCFullAccess"))).build();
        findings = PackFindings.checkOnly(stack, RoleSeparatesSecurityGroupAndNaclDuties.class);
    }

    @Test
    void failsAnL1RoleAllowedEveryEc2ActionAsAnError() {
        assertEquals(List.of(ID), findings.at("Test/L1Ec2Star", RULE));
        assertEquals("error", findings.severity(ID));
    }

    @Test
    void failsAnL2RoleGrantedBothSecurityGroupAndNaclActions() {
        assertEquals(List.of(ID), findings.at("Test/L2Both/Resource", RULE));
    }

    @Test
    void passesARoleLimitedToSecurityGroups() {
        assertEquals(List.of(), findings.at("Test/SgOnly/Resource", RULE));
    }

    @Test
    void resolvesAnAwsManagedPolicyArnBuiltWithIntrinsics() {
        assertEquals(List.of(ID), findings.at("Test/VpcFullAccess/Resource", RULE));
    }
}

package io.securevpc.nag.rules.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import io.securevpc.internal.Maps;
import io.securevpc.nag.PackFindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.CfnManagedPolicy;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;

/** RolePolicyWildcardResourceNarrowed (BP-IAM-1/2/3): one stack of compliant and non-compliant roles, checked once. */
class RolePolicyWildcardResourceNarrowedTest {
    private static final String RULE = "RolePolicyWildcardResourceNarrowed";
    private static final String ID = "BlueprintChecks-" + RULE;
    private static final String VPC_ARN = "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0123456789abcdef0";
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        Map<String, Object> trust = Maps.of("Statement", List.of(Maps.of("Effect", "Allow", "Action", "sts:AssumeRole",
                "Principal", Maps.of("AWS", "arn:aws:iam::111111111111:root"))));
        // L1: a role's inline policy revoking ingress on any security group, unconditioned
        CfnRole.Builder.create(stack, "L1Inline").assumeRolePolicyDocument(trust)
                .policies(List.of(CfnRole.PolicyProperty.builder().policyName("revoke").policyDocument(Maps.of(
                        "Statement", List.of(Maps.of("Effect", "Allow", "Action", "ec2:RevokeSecurityGroupIngress",
                                "Resource", "arn:aws:ec2:eu-west-1:111111111111:security-group/*")))).build()))
                .build();
        // L1, compliant: the same inline grant narrowed to one VPC's groups
        CfnRole.Builder.create(stack, "L1Narrowed").assumeRolePolicyDocument(trust)
                .policies(List.of(CfnRole.PolicyProperty.builder().policyName("revoke").policyDocument(Maps.of(
                        "Statement", List.of(Maps.of("Effect", "Allow", "Action", "ec2:RevokeSecurityGroupIngress",
                                "Resource", "arn:aws:ec2:eu-west-1:111111111111:security-group/*",
                                "Condition", Maps.of("ArnEquals", Maps.of("ec2:Vpc", VPC_ARN)))))).build()))
                .build();
        // L1: a managed policy attached through the role's ManagedPolicyArns, wildcard account, only aws:RequestedRegion
        Role holder = Role.Builder.create(stack, "Holder").assumedBy(new AccountRootPrincipal()).build();
        CfnManagedPolicy regionOnly = CfnManagedPolicy.Builder.create(stack, "L1RegionOnly")
                .policyDocument(Maps.of("Statement", List.of(Maps.of("Sid", "ModifySubnets", "Effect", "Allow",
                        "Action", List.of("ec2:ModifySubnetAttribute"), "Resource", "arn:aws:ec2:eu-west-1:*:subnet/subnet-1",
                        "Condition", Maps.of("StringEquals", Maps.of("aws:RequestedRegion", "eu-west-1"))))))
                .build();
        ((software.amazon.awscdk.services.iam.CfnRole) holder.getNode().getDefaultChild())
                .setManagedPolicyArns(List.of(regionOnly.getRef()));
        // L2: a grant on every instance with a tag-key condition only (not a narrowing one)
        Role tagKeys = Role.Builder.create(stack, "L2TagKeys").assumedBy(new AccountRootPrincipal()).build();
        tagKeys.addToPolicy(PolicyStatement.Builder.create().actions(List.of("ec2:CreateTags", "ec2:DeleteTags"))
                .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:instance/*"))
                .conditions(Maps.of("ForAllValues:StringEquals", Maps.of("aws:TagKeys", List.of("quarantine"))))
                .build());
        // L2: ec2:Vpc only if it exists, and a Describe wildcard that covers actions with resource-level permissions
        Role ifExists = Role.Builder.create(stack, "L2IfExists").assumedBy(new AccountRootPrincipal()).build();
        ifExists.addToPolicy(PolicyStatement.Builder.create().sid("Revoke")
                .actions(List.of("ec2:RevokeSecurityGroupIngress"))
                .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:security-group/*"))
                .conditions(Maps.of("ArnEqualsIfExists", Maps.of("ec2:Vpc", VPC_ARN))).build());
        ifExists.addToPolicy(PolicyStatement.Builder.create().sid("DescribeAll").actions(List.of("ec2:Describe*"))
                .resources(List.of("*")).build());
        // compliant: ec2:Vpc on network interfaces, account and region on instances, tags, describe calls, named ARNs
        Role narrowed = Role.Builder.create(stack, "Narrowed").assumedBy(new AccountRootPrincipal()).build();
        narrowed.addToPolicy(PolicyStatement.Builder.create().actions(List.of("ec2:ModifyNetworkInterfaceAttribute"))
                .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:network-interface/*"))
                .conditions(Maps.of("ArnEquals", Maps.of("ec2:Vpc", VPC_ARN))).build());
        narrowed.addToPolicy(PolicyStatement.Builder.create().actions(List.of("ec2:DisassociateIamInstanceProfile"))
                .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:instance/*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:ResourceAccount", stack.getAccount(),
                        "aws:RequestedRegion", stack.getRegion()))).build());
        narrowed.addToPolicy(PolicyStatement.Builder.create().actions(List.of("ec2:StopInstances"))
                .resources(List.of("arn:aws:ec2:eu-west-1:111111111111:instance/*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:ResourceTag/team", "network"))).build());
        narrowed.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DescribeInstances", "ec2:DescribeSecurityGroups")).resources(List.of("*")).build());
        narrowed.addToPolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
                .resources(List.of("arn:aws:s3:::evidence-bucket/*")).build());
        // a managed policy attached to no role (a permission boundary, say) is not judged
        ManagedPolicy.Builder.create(stack, "Unattached").statements(List.of(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DeleteVpc")).resources(List.of("*")).build())).build();
        findings = PackFindings.checkOnly(stack, RolePolicyWildcardResourceNarrowed.class);
    }

    @Test
    void failsAnL1InlinePolicyNamingPolicyStatementAndAction() {
        assertEquals(List.of(ID + "[revoke/Statement0:ec2:RevokeSecurityGroupIngress]"), findings.at("Test/L1Inline", RULE));
        assertEquals("error", findings.severity(ID + "[revoke/Statement0:ec2:RevokeSecurityGroupIngress]"));
    }

    @Test
    void failsAnL1ManagedPolicyAttachedByArnWithAWildcardAccountAndOnlyARegionCondition() {
        assertEquals(List.of(ID + "[ModifySubnets:ec2:ModifySubnetAttribute]"), findings.at("Test/L1RegionOnly", RULE));
    }

    @Test
    void failsEveryActionOfAnL2StatementWhoseOnlyConditionIsOnTagKeys() {
        assertEquals(List.of(ID + "[Statement0:ec2:CreateTags]", ID + "[Statement0:ec2:DeleteTags]"),
                findings.at("Test/L2TagKeys/DefaultPolicy/Resource", RULE));
    }

    @Test
    void failsAnIfExistsConditionAndADescribeWildcardThatCoversResourceLevelActions() {
        assertEquals(List.of(ID + "[DescribeAll:ec2:Describe*]", ID + "[Revoke:ec2:RevokeSecurityGroupIngress]"),
                findings.at("Test/L2IfExists/DefaultPolicy/Resource", RULE));
    }

    @Test
    void failsWithAMessageNamingTheStatementTheActionAndTheResource() {
        String description = findings.description(ID + "[Statement0:ec2:CreateTags]");
        assertTrue(description.contains("statement Statement0 allows ec2:CreateTags on "
                + "arn:aws:ec2:eu-west-1:111111111111:instance/*"), description);
    }

    @Test
    void passesWildcardsNarrowedByVpcAccountAndRegionOrTagAndActionsWithoutResourceLevelPermissions() {
        assertEquals(List.of(), findings.at("Test/Narrowed/DefaultPolicy/Resource", RULE));
        assertEquals(List.of(), findings.at("Test/Holder/Resource", RULE));
        assertEquals(List.of(), findings.at("Test/L1Narrowed", RULE));
    }

    @Test
    void passesAManagedPolicyAttachedToNoRole() {
        assertEquals(List.of(), findings.at("Test/Unattached/Resource", RULE));
    }

    @Test
    void readsWildcardsInRegionAccountAndResourceIdButNotInsideANamedResource() {
        assertTrue(RolePolicyWildcardResourceNarrowed.isWildcard("*"));
        assertTrue(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:ec2:*:111111111111:vpc/vpc-1"));
        assertTrue(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:ec2:eu-west-1:{ref}:instance/*"));
        assertTrue(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:ec2:eu-west-1::snapshot/*"));
        assertTrue(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:sns:eu-west-1:111111111111:*"));
        assertFalse(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:s3:::bucket/*"));
        assertFalse(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:logs:eu-west-1:111111111111:log-group:g:*"));
        assertFalse(RolePolicyWildcardResourceNarrowed.isWildcard("arn:aws:ec2:eu-west-1:{ref}:security-group/{ref}"));
    }
}

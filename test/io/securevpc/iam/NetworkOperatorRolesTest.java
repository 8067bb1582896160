package io.securevpc.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import io.securevpc.network.SecureVpc;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;

/** The four operator roles of one SecureVpc (one shared template for the read-only tests). */
class NetworkOperatorRolesTest {
    static final String OPS = "arn:aws:iam::111111111111:role/NetworkOps";
    static final String SECOPS = "arn:aws:iam::111111111111:role/SecOps";
    private static Template template;
    private static NetworkOperatorRoles roles;

    @BeforeAll
    static void synth() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        SecurityGroup app = SecurityGroup.Builder.create(stack, "App").vpc(network.getVpc()).build();
        roles = new NetworkOperatorRoles(stack, "Operators", NetworkOperatorRolesProps.builder()
                .vpc(network.getVpc())
                .networkAdmins(List.of(new ArnPrincipal(OPS)))
                .securityGroupAdmins(List.of(new ArnPrincipal(SECOPS), new AccountPrincipal("222222222222")))
                .naclAdmins(List.of(new ArnPrincipal(SECOPS)))
                .auditReaders(List.of(new ArnPrincipal(OPS)))
                .securityGroups(List.of(app))
                .networkAcls(network.getTiers().stream().filter(t -> !t.isReserved())
                        .map(t -> network.networkAcl(t.getName())).toList())
                .auditLogGroups(List.of(network.getFlowLogGroup()))
                .build());
        template = Template.fromStack(stack);
    }

    @Test
    void oneRolePerDutyEachWithOneCustomerManagedPolicyAndNoInlinePolicy() {
        for (OperatorDuty duty : OperatorDuty.values()) {
            template.hasResourceProperties("AWS::IAM::Role", Map.of("Description", duty.description(),
                    "MaxSessionDuration", 3600, "Policies", Match.absent(), "ManagedPolicyArns", Match.absent()));
            template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^Operators" + duty.id() + "[0-9A-F]{8}$")))));
        }
        template.resourceCountIs("AWS::IAM::ManagedPolicy", 4 + 1); // + SecureVpc's flow-log delivery policy
        template.resourceCountIs("AWS::IAM::Policy", 0);
    }

    @Test
    void eachRoleIsAssumableOnlyByItsNamedPrincipalsWithMfa() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "Description", OperatorDuty.SECURITY_GROUP_ADMIN.description(),
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(
                        Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                                "Principal", Map.of("AWS", SECOPS),
                                "Condition", Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true"))),
                        Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                                "Principal", Map.of("AWS", Match.objectLike(Map.of())),
                                "Condition", Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true")))))));
    }

    @Test
    void securityGroupAdminChangesRulesOfTheGivenGroupsInThisVpcOnly() {
        template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Sid", "ChangeRulesOfThisVpcsSecurityGroups", "Effect", "Allow",
                        "Action", OperatorPolicies.SECURITY_GROUP_ACTIONS,
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":ec2:eu-west-1:111111111111:security-group/",
                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^App"), "GroupId"))))),
                        "Condition", Map.of("ArnEquals", Map.of("ec2:Vpc", Match.objectLike(Map.of()))))))));
    }

    @Test
    void noAllowStatementHasAWildcardInAnActionOrAResource() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Map<String, Object> policy : template.findResources("AWS::IAM::ManagedPolicy").values()) {
            Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy.get("Properties")).get("PolicyDocument");
            for (Object statement : (List<?>) document.get("Statement")) {
                Map<?, ?> s = (Map<?, ?>) statement;
                assertEquals("Allow", s.get("Effect"));
                String actionsAndResources = json.writeValueAsString(List.of(s.get("Action"), s.get("Resource")));
                assertFalse(actionsAndResources.contains("*"), actionsAndResources);
            }
        }
    }

    @Test
    void rulesAreExposedAsDataPerDutyAndTheNetworkAdminHasNoSecurityGroupOrNaclAction() {
        List<String> networkActions = roles.rules(OperatorDuty.NETWORK_ADMIN).stream()
                .flatMap(r -> r.actions().stream()).collect(Collectors.toList());
        assertTrue(networkActions.containsAll(OperatorPolicies.ROUTE_ACTIONS), networkActions.toString());
        assertTrue(networkActions.stream().noneMatch(a -> OperatorPolicies.SECURITY_GROUP_ACTIONS.contains(a)
                || OperatorPolicies.NACL_ENTRY_ACTIONS.contains(a)), networkActions.toString());
        assertEquals(roles.allRules().size(), List.of(OperatorDuty.values()).stream()
                .mapToInt(d -> roles.rules(d).size()).sum());
    }

    @Test
    void failsWithoutAnyPrincipalOrWithADutyMissingItsResources() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        BlueprintValidationException none = assertThrows(BlueprintValidationException.class,
                () -> new NetworkOperatorRoles(stack, "None", NetworkOperatorRolesProps.builder()
                        .vpc(network.getVpc()).build()));
        assertTrue(none.getMessage().contains("name the principals of at least one duty"), none.getMessage());
        BlueprintValidationException missing = assertThrows(BlueprintValidationException.class,
                () -> new NetworkOperatorRoles(stack, "Missing", NetworkOperatorRolesProps.builder()
                        .vpc(network.getVpc())
                        .securityGroupAdmins(List.of(new ArnPrincipal(SECOPS)))
                        .naclAdmins(List.of(new ArnPrincipal(SECOPS)))
                        .auditReaders(List.of())
                        .externalId("x")
                        .build()));
        assertEquals(List.of(ErrorCode.IAM_ROLES, ErrorCode.IAM_ROLES, ErrorCode.IAM_ROLES, ErrorCode.IAM_ROLES),
                missing.getCodes(), missing.getMessage());
        assertTrue(missing.getMessage().contains("[SVPC-013] securityGroups = '(none)'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("[SVPC-013] auditReaders = '[]'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("[SVPC-013] externalId = 'x'"), missing.getMessage());
    }

    @Test
    void withoutMfaWithAnExternalIdAndDescribeItWarnsAndAddsTheRegionScopedStatement() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc network = new SecureVpc(stack, "Network", null);
        NetworkOperatorRoles partner = new NetworkOperatorRoles(stack, "Partner", NetworkOperatorRolesProps.builder()
                .vpc(network.getVpc())
                .auditReaders(List.of(new AccountPrincipal("333333333333")))
                .auditLogGroups(List.of(network.getFlowLogGroup()))
                .requireMfa(false)
                .externalId("partner-audit-7")
                .grantDescribe(true)
                .build());
        Template t = Template.fromStack(stack);
        t.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(
                Map.of("Action", "sts:AssumeRole", "Effect", "Allow", "Principal", Match.anyValue(),
                        "Condition", Map.of("StringEquals", Map.of("sts:ExternalId", "partner-audit-7")))))));
        t.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of("Sid", "DescribeWithoutResourceLevelPermissions", "Effect", "Allow",
                        "Action", Match.arrayWith(List.of("ec2:DescribeFlowLogs")), "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of("aws:RequestedRegion", "eu-west-1"))))))));
        TestStacks.annotations(stack).hasWarning("/Test/Partner", Match.stringLikeRegexp("requireMfa is false.*"));
        TestStacks.annotations(stack).hasWarning("/Test/Partner", Match.stringLikeRegexp("grantDescribe is true.*"));
        assertNull(partner.role(OperatorDuty.NETWORK_ADMIN));
    }
}

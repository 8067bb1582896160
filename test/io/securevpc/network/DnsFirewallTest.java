package io.securevpc.network;

import static io.securevpc.network.ValidationAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Route 53 Resolver DNS Firewall of a VPC (BP-NET-6): managed threat lists, allow-list mode, fail closed. */
class DnsFirewallTest {
    private static final List<String> MANAGED = List.of("rslvr-fdl-0123456789abcdef", "rslvr-fdl-fedcba9876543210");

    @Test
    void managedListsAreBlockedWithNxdomainAndTheAssociationIsMutationProtected() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        new DnsFirewall(stack, "Dns", DnsFirewallProps.builder().vpc(vpc.getVpc()).managedDomainListIds(MANAGED)
                .build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Route53Resolver::FirewallRuleGroup", Map.of("FirewallRules", List.of(
                Map.of("Action", "BLOCK", "BlockResponse", "NXDOMAIN", "FirewallDomainListId", MANAGED.get(0),
                        "Priority", 100),
                Map.of("Action", "BLOCK", "BlockResponse", "NXDOMAIN", "FirewallDomainListId", MANAGED.get(1),
                        "Priority", 200))));
        String vpcId = template.findResources("AWS::EC2::VPC").keySet().iterator().next();
        template.hasResourceProperties("AWS::Route53Resolver::FirewallRuleGroupAssociation", Map.of(
                "VpcId", Map.of("Ref", vpcId), "MutationProtection", "ENABLED", "Priority", 101,
                "FirewallRuleGroupId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DnsRuleGroup.*"), "Id"))));
        // fail closed: the service's default while no FirewallConfig sets FirewallFailOpen ENABLED
        template.resourceCountIs("AWS::Route53Resolver::FirewallConfig", 0);
        template.resourceCountIs("AWS::Route53Resolver::FirewallDomainList", 0);
        Annotations.fromStack(stack).hasNoWarning("/Test/Dns", Match.anyValue());
    }

    @Test
    void allowListModeAllowsTheListedDomainsThenBlocksEveryOtherName() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        new DnsFirewall(stack, "Dns", DnsFirewallProps.builder().vpc(vpc.getVpc())
                .allowedDomains(List.of("*.amazonaws.com", "example.com")).build());
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Route53Resolver::FirewallDomainList",
                Map.of("Domains", List.of("*.amazonaws.com", "example.com")));
        template.hasResourceProperties("AWS::Route53Resolver::FirewallDomainList", Map.of("Domains", List.of("*")));
        template.hasResourceProperties("AWS::Route53Resolver::FirewallRuleGroup", Map.of("FirewallRules", List.of(
                Map.of("Action", "ALLOW", "Priority", 100, "FirewallDomainListId",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DnsAllowedDomains.*"), "Id"))),
                Map.of("Action", "BLOCK", "BlockResponse", "NXDOMAIN", "Priority", 200, "FirewallDomainListId",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DnsAllDomains.*"), "Id"))))));
    }

    @Test
    void failOpenIsExplicitAndWarns() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        new DnsFirewall(stack, "Dns", DnsFirewallProps.builder().vpc(vpc.getVpc()).managedDomainListIds(MANAGED)
                .failOpen(true).build());
        Template template = Template.fromStack(stack);
        String vpcId = template.findResources("AWS::EC2::VPC").keySet().iterator().next();
        template.hasResourceProperties("AWS::Route53Resolver::FirewallConfig",
                Map.of("ResourceId", Map.of("Ref", vpcId), "FirewallFailOpen", "ENABLED"));
        Annotations.fromStack(stack).hasWarning("/Test/Dns", Match.stringLikeRegexp(".*failOpen is true.*BP-NET-6.*"));
    }

    @Test
    void failsWithoutManagedListIdsOrAllowList() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new DnsFirewall(stack, "Dns", DnsFirewallProps.builder().vpc(vpc.getVpc()).build()));
        assertProblem(e, ErrorCode.DNS_FIREWALL, "managedDomainListIds", "AWSManagedDomainsMalwareDomainList",
                "allowedDomains");
    }

    @Test
    void failsOnMalformedIdsAndDomainsAllAtOnce() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class, () ->
                new DnsFirewall(stack, "Dns", DnsFirewallProps.builder().vpc(vpc.getVpc())
                        .managedDomainListIds(List.of("AWSManagedDomainsMalwareDomainList"))
                        .allowedDomains(List.of("*")).build()));
        assertEquals(List.of(ErrorCode.DNS_FIREWALL, ErrorCode.DNS_FIREWALL), e.getCodes());
        for (String part : List.of("managedDomainListIds[0] = 'AWSManagedDomainsMalwareDomainList'", "rslvr-fdl-",
                "allowedDomains[0] = '*'", "'*' alone")) {
            assertTrue(e.getMessage().contains(part), part + " in " + e.getMessage());
        }
    }
}

package io.securevpc.nag.rules.route53resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.TestStacks;
import io.securevpc.compliance.DnsFirewallRequirement;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.network.DnsFirewall;
import io.securevpc.network.DnsFirewallProps;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.SecureVpcProps;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroup;
import software.amazon.awscdk.services.route53resolver.CfnFirewallRuleGroupAssociation;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfig;
import software.amazon.awscdk.services.route53resolver.CfnResolverQueryLoggingConfigAssociation;
import software.constructs.Construct;

/**
 * VpcResolverQueryLogging (BP-MON-1, BP-NET-6) and VpcDnsFirewall (BP-NET-6): one app of two stacks (the second holds
 * the query logging and the firewall of a VPC of the first), checked once.
 */
class DnsRulesTest {
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(VpcResolverQueryLogging.class,
            VpcDnsFirewall.class, VpcDnsFirewallRequired.class);
    private static final String REQUIRED = "BlueprintChecks-VpcDnsFirewallRequired";
    private static final String LOGGING = "BlueprintChecks-VpcResolverQueryLogging";
    private static final String FIREWALL = "BlueprintChecks-VpcDnsFirewall";
    private static PackFindings findings;
    private static PackFindings otherStackFindings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        // L1: a VPC with neither; another whose firewall association leaves mutation protection off
        CfnVPC.Builder.create(stack, "Bare").cidrBlock("10.1.0.0/16").build();
        CfnVPC unprotected = CfnVPC.Builder.create(stack, "Unprotected").cidrBlock("10.2.0.0/16").build();
        CfnResolverQueryLoggingConfig config = CfnResolverQueryLoggingConfig.Builder.create(stack, "QueryLogs")
                .destinationArn("arn:aws:logs:eu-west-1:111111111111:log-group:dns").build();
        CfnResolverQueryLoggingConfigAssociation.Builder.create(stack, "QueryLogsOfUnprotected")
                .resolverQueryLogConfigId(config.getRef()).resourceId(unprotected.getRef()).build();
        CfnFirewallRuleGroup group = CfnFirewallRuleGroup.Builder.create(stack, "Group").build();
        CfnFirewallRuleGroupAssociation.Builder.create(stack, "UnprotectedFirewall").firewallRuleGroupId(
                group.getAttrId()).vpcId(unprotected.getRef()).priority(101).mutationProtection("DISABLED").build();
        // L2 misconfiguration: a plain Vpc, and a SecureVpc that turns query logging off
        Vpc.Builder.create(stack, "L2Vpc").maxAzs(2).natGateways(0).build();
        new SecureVpc(stack, "NoQueryLogs", SecureVpcProps.builder().cidr("10.3.0.0/16").resolverQueryLogging(false)
                .build());
        // compliant: SecureVpc (query logging by default) with DnsFirewall
        SecureVpc compliant = new SecureVpc(stack, "Network", SecureVpcProps.builder().cidr("10.4.0.0/16").build());
        new DnsFirewall(stack, "Dns", DnsFirewallProps.builder().vpc(compliant.getVpc())
                .managedDomainListIds(List.of("rslvr-fdl-0123456789abcdef")).build());
        // compliant across stacks: a VPC whose query logging and firewall live in another stack of the app
        Vpc shared = Vpc.Builder.create(stack, "Shared").maxAzs(2).natGateways(0).build();
        Stack other = new Stack((Construct) stack.getNode().getScope(), "Other", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        CfnResolverQueryLoggingConfigAssociation.Builder.create(other, "SharedQueryLogs")
                .resolverQueryLogConfigId("rqlc-0123456789abcdef").resourceId(shared.getVpcId()).build();
        new DnsFirewall(other, "SharedDns", DnsFirewallProps.builder().vpc(shared)
                .allowedDomains(List.of("*.amazonaws.com")).build());
        // tagged DnsFirewallRequirement (as the app tags a regulated VPC): L1 without firewall, L2 SecureVpc with one
        CfnVPC.Builder.create(stack, "RequiredBare").cidrBlock("10.5.0.0/16").tags(List.of(CfnTag.builder()
                .key(DnsFirewallRequirement.TAG_KEY).value(DnsFirewallRequirement.TAG_VALUE).build())).build();
        SecureVpc requiredL2 = new SecureVpc(stack, "RequiredNoFirewall", SecureVpcProps.builder().cidr("10.6.0.0/16")
                .build());
        Tags.of(requiredL2.getVpc()).add(DnsFirewallRequirement.TAG_KEY, DnsFirewallRequirement.TAG_VALUE);
        SecureVpc requiredCompliant = new SecureVpc(stack, "RequiredNetwork", SecureVpcProps.builder()
                .cidr("10.7.0.0/16").build());
        Tags.of(requiredCompliant.getVpc()).add(DnsFirewallRequirement.TAG_KEY, DnsFirewallRequirement.TAG_VALUE);
        new DnsFirewall(stack, "RequiredDns", DnsFirewallProps.builder().vpc(requiredCompliant.getVpc())
                .managedDomainListIds(List.of("rslvr-fdl-0123456789abcdef")).build());
        findings = PackFindings.checkOnly(stack, RULES);
        otherStackFindings = PackFindings.checkOnly(other, RULES);
    }

    @Test
    void failsL1VpcWithoutQueryLoggingOrFirewall() {
        assertEquals(List.of(FIREWALL, LOGGING), findings.at("Test/Bare"));
    }

    @Test
    void failsL1FirewallAssociationWithoutMutationProtection() {
        assertEquals(List.of(FIREWALL), findings.at("Test/Unprotected"));
        assertEquals("warning", findings.severity(FIREWALL));
    }

    @Test
    void failsL2PlainVpc() {
        assertEquals(List.of(FIREWALL, LOGGING), findings.at("Test/L2Vpc/Resource"));
        assertEquals("error", findings.severity(LOGGING));
    }

    @Test
    void failsL2SecureVpcWithQueryLoggingTurnedOff() {
        assertEquals(List.of(FIREWALL, LOGGING), findings.at("Test/NoQueryLogs/Vpc/Resource"));
    }

    @Test
    void secureVpcWithDnsFirewallIsCompliant() {
        assertEquals(List.of(), findings.at("Test/Network/Vpc/Resource"));
    }

    @Test
    void queryLoggingAndFirewallInAnotherStackCount() {
        assertEquals(List.of(), findings.at("Test/Shared/Resource"));
        assertEquals(List.of(), otherStackFindings.at("Other/SharedDns/Association"));
    }

    @Test
    void failsL1VpcTaggedRequiredWithoutFirewallAsAnError() {
        assertEquals(List.of(REQUIRED, LOGGING), findings.at("Test/RequiredBare"), "and never the warning");
        assertEquals("error", findings.severity(REQUIRED));
    }

    @Test
    void failsL2SecureVpcTaggedRequiredWithoutFirewall() {
        assertEquals(List.of(REQUIRED), findings.at("Test/RequiredNoFirewall/Vpc/Resource"));
    }

    @Test
    void vpcTaggedRequiredWithFirewallIsCompliant() {
        assertEquals(List.of(), findings.at("Test/RequiredNetwork/Vpc/Resource"));
    }
}

package io.securevpc.app;

import io.securevpc.AppContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The shipped configuration's DNS path and account guard (BP-MON-1, BP-NET-6, BP-NET-10): Resolver query logging in
 * both environments, the private-only VPC's allow-list DNS Firewall, Block Public Access of the account and region in
 * ingress mode (the three-tier environment's NAT gateways serve its private tier) with the public subnets excluded;
 * and an account and region with private-only environments only blocks both ways. Built without the gate.
 */
class DnsAndBlockPublicAccessAppTest {
    private static BlueprintApp.Result shipped;

    @BeforeAll
    static void build() {
        shipped = SynthesizedApps.shippedStacks();
    }

    private static Template network(final String shape) {
        return Template.fromStack(shipped.stacks().stream()
                .filter(s -> s.getStackName().toLowerCase().contains(shape)).findFirst().orElseThrow());
    }

    @Test
    void everyEnvironmentLogsItsDnsQueries() {
        for (String shape : List.of("privateonly", "threetier")) {
            network(shape).resourceCountIs("AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", 1);
        }
    }

    @Test
    void privateOnlyResolvesAwsServiceAndHostNamesOnly() {
        Template t = network("privateonly");
        t.hasResourceProperties("AWS::Route53Resolver::FirewallDomainList", Map.of("Domains",
                NetworkStack.PRIVATE_ONLY_DOMAINS));
        t.hasResourceProperties("AWS::Route53Resolver::FirewallDomainList", Map.of("Domains", List.of("*")));
        t.hasResourceProperties("AWS::Route53Resolver::FirewallRuleGroupAssociation",
                Map.of("MutationProtection", "ENABLED"));
    }

    /** The shipped environments are regulated: the gate checks their VPCs with VpcDnsFirewallRequired (an error). */
    @Test
    void regulatedVpcsAreTaggedAsRequiringADnsFirewall() {
        for (String shape : List.of("privateonly", "threetier")) {
            network(shape).hasResourceProperties("AWS::EC2::VPC", Map.of("Tags", Match.arrayWith(List.of(
                    Map.of("Key", "securevpc:dns-firewall", "Value", "required")))));
        }
    }

    @Test
    void sharedAccountAndRegionBlocksIngressAndExcludesOnlyThePublicSubnets() {
        Template.fromStack(shipped.detectionStacks().get(0)).hasResourceProperties(
                "AWS::EC2::VPCBlockPublicAccessOptions", Map.of("InternetGatewayBlockMode", "block-ingress"));
        Template threeTier = network("threetier");
        threeTier.resourceCountIs("AWS::EC2::VPCBlockPublicAccessExclusion", 3);
        threeTier.allResourcesProperties("AWS::EC2::VPCBlockPublicAccessExclusion", Match.objectLike(Map.of(
                "InternetGatewayExclusionMode", "allow-bidirectional",
                "SubnetId", Map.of("Ref", Match.stringLikeRegexp("NetworkVpcpublicSubnet.*")))));
        network("privateonly").resourceCountIs("AWS::EC2::VPCBlockPublicAccessExclusion", 0);
    }

    @Test
    void privateOnlyAccountAndRegionBlocksBothWays() {
        Map<String, Object> context = new HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, Map.of("environments", List.of(Map.of(
                "name", "dev", "profile", "dev", "shape", "private-only", "cidr", "10.10.0.0/16", "region", "eu-west-1",
                "gatewayPrefixLists", Map.of("s3", "pl-6da54004", "dynamodb", "pl-6fa54006"),
                "availabilityZones", List.of("eu-west-1a", "eu-west-1b"),
                "dnsFirewallDomainListIds", List.of("rslvr-fdl-0123456789abcdef")))));
        BlueprintApp.Result result = BlueprintApp.buildStacks(App.Builder.create().context(context).build());
        Template.fromStack(result.detectionStacks().get(0)).hasResourceProperties(
                "AWS::EC2::VPCBlockPublicAccessOptions", Map.of("InternetGatewayBlockMode", "block-bidirectional"));
        Template.fromStack(result.stacks().get(0)).hasResourceProperties("AWS::Route53Resolver::FirewallRuleGroup",
                Map.of("FirewallRules", Match.arrayWith(List.of(Map.of("Action", "BLOCK", "BlockResponse", "NXDOMAIN",
                        "FirewallDomainListId", "rslvr-fdl-0123456789abcdef", "Priority", 100)))));
    }
}

package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.network.PortRange;
import io.securevpc.network.SecureVpc;
import io.securevpc.network.TierSecurityGroup;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.CfnPrefixList;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;

/**
 * SecurityGroupNoWorldIngress (BP-NET-2/10), SecurityGroupNoAllowAllEgress and SecurityGroupPrefersGroupReferences
 * (BP-NET-2/8): one stack with one group per case, checked once.
 */
class SecurityGroupRulesTest {
    /** The rules under test: only they run, so another rule's findings never reach these assertions. */
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(
            SecurityGroupNoWorldIngress.class, SecurityGroupNoAllowAllEgress.class,
            SecurityGroupPrefersGroupReferences.class);
    private static final String WORLD_INGRESS = "SecurityGroupNoWorldIngress";
    private static final String ALL_EGRESS = "SecurityGroupNoAllowAllEgress";
    private static final String WIDE = "SecurityGroupPrefersGroupReferences";
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        // L1: SSH from anywhere, inline, and no egress rule at all (AWS default egress)
        CfnSecurityGroup.Builder.create(stack, "L1Ssh").groupDescription("ssh").vpcId(vpc.getVpc().getVpcId())
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0").build()))
                .build();
        // L1: HTTPS from anywhere on a group not marked public, as a standalone ingress resource
        CfnSecurityGroup unmarked = CfnSecurityGroup.Builder.create(stack, "L1Unmarked").groupDescription("web")
                .vpcId(vpc.getVpc().getVpcId()).securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("tcp").fromPort(443).toPort(443).destinationPrefixListId("pl-12345678").build()))
                .build();
        CfnSecurityGroupIngress.Builder.create(stack, "L1UnmarkedHttps").groupId(unmarked.getAttrGroupId())
                .ipProtocol("tcp").fromPort(443).toPort(443).cidrIpv6("::/0").build();
        // L2 misconfiguration: a plain SecurityGroup with default allow-all egress and RDP from anywhere
        SecurityGroup l2 = SecurityGroup.Builder.create(stack, "L2Open").vpc(vpc.getVpc()).build();
        l2.addIngressRule(Peer.anyIpv4(), Port.tcp(3389), "RDP");
        l2.addIngressRule(Peer.ipv4("10.0.0.0/16"), Port.tcp(8080), "VPC-wide");
        // compliant: the blueprint's public load-balancer group and a group reached by reference only
        TierSecurityGroup lb = TierSecurityGroup.Builder.create(stack, "PublicLb").vpc(vpc.getVpc())
                .description("load balancer").publicIngressPorts(List.of(PortRange.tcp(443))).build();
        TierSecurityGroup app = TierSecurityGroup.Builder.create(stack, "App").vpc(vpc.getVpc())
                .description("app").build();
        app.allowFrom(lb, PortRange.tcp(8443), "lb to app");
        // intrinsic: the CIDR is a deploy-time parameter
        CfnParameter cidr = CfnParameter.Builder.create(stack, "AdminCidr").type("String").build();
        CfnSecurityGroup.Builder.create(stack, "L1Param").groupDescription("param").vpcId(vpc.getVpc().getVpcId())
                .securityGroupIngress(List.of(CfnSecurityGroup.IngressProperty.builder()
                        .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp(cidr.getValueAsString()).build()))
                .securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("tcp").fromPort(443).toPort(443).cidrIp("10.0.0.0/24").build()))
                .build();
        // address sets: SSH split in two halves of IPv4 over two standalone rules (L1), RDP over two IPv6 halves (L2)
        CfnSecurityGroup split = CfnSecurityGroup.Builder.create(stack, "L1Split").groupDescription("split")
                .vpcId(vpc.getVpc().getVpcId()).securityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                        .ipProtocol("tcp").fromPort(443).toPort(443).cidrIp("10.0.0.0/24").build())).build();
        CfnSecurityGroupIngress.Builder.create(stack, "L1SplitLow").groupId(split.getAttrGroupId())
                .ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/1").build();
        CfnSecurityGroupIngress.Builder.create(stack, "L1SplitHigh").groupId(split.getAttrGroupId())
                .ipProtocol("tcp").fromPort(0).toPort(1024).cidrIp("128.0.0.0/1").build();
        SecurityGroup halves = SecurityGroup.Builder.create(stack, "L2Halves").vpc(vpc.getVpc())
                .allowAllOutbound(false).build();
        halves.addIngressRule(Peer.ipv6("::/1"), Port.tcp(3389), "low half");
        halves.addIngressRule(Peer.ipv6("8000::/1"), Port.tcpRange(3000, 4000), "high half");
        // a public /8 on SSH; a private /8 on SSH and one half of IPv4 on HTTPS are not the internet
        SecurityGroup wide = SecurityGroup.Builder.create(stack, "L2WideAdmin").vpc(vpc.getVpc())
                .allowAllOutbound(false).build();
        wide.addIngressRule(Peer.ipv4("11.0.0.0/8"), Port.tcp(22), "public /8");
        SecurityGroup narrow = SecurityGroup.Builder.create(stack, "L2Narrow").vpc(vpc.getVpc())
                .allowAllOutbound(false).build();
        narrow.addIngressRule(Peer.ipv4("10.0.0.0/8"), Port.tcp(22), "private /8");
        narrow.addIngressRule(Peer.ipv4("0.0.0.0/1"), Port.tcp(443), "half");
        narrow.addIngressRule(Peer.ipv4("128.0.0.0/1"), Port.tcp(8443), "other half, other port");
        // prefix lists: one of the app with a narrow entry (checked by its entries), one of AWS (cannot check)
        CfnPrefixList admins = CfnPrefixList.Builder.create(stack, "AdminList").prefixListName("admins")
                .addressFamily("IPv4").maxEntries(2).entries(List.of(CfnPrefixList.EntryProperty.builder()
                        .cidr("198.51.100.0/24").build())).build();
        SecurityGroup listed = SecurityGroup.Builder.create(stack, "L2Listed").vpc(vpc.getVpc())
                .allowAllOutbound(false).build();
        listed.addIngressRule(Peer.prefixList(admins.getAttrPrefixListId()), Port.tcp(22), "admins");
        SecurityGroup foreign = SecurityGroup.Builder.create(stack, "L2ForeignList").vpc(vpc.getVpc())
                .allowAllOutbound(false).build();
        foreign.addIngressRule(Peer.prefixList("pl-6da54004"), Port.tcp(22), "someone's list");
        findings = PackFindings.checkOnly(stack, RULES);
    }

    @Test
    void failsL1GroupOpeningSshToTheInternetAndKeepingDefaultEgress() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoAllowAllEgress[default-egress]",
                "BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:22]"), findings.at("Test/L1Ssh"));
    }

    @Test
    void failsHttpsFromTheInternetOnAGroupNotMarkedPublic() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[::/0:tcp:443]"),
                findings.at("Test/L1UnmarkedHttps"));
        assertEquals(List.of(), findings.at("Test/L1Unmarked"));
    }

    @Test
    void failsAnUnmarkedGroupWithAMessageThatNamesTheTagAndTheFix() {
        assertEquals("The security group allows ingress from 0.0.0.0/0 or ::/0 other than TCP 80/443 on a group "
                + "marked public (tagged securevpc:public-ingress=true). L1UnmarkedHttps allows tcp 443 from "
                + "::/0 on a group not tagged securevpc:public-ingress=true. Fix: Allow the port from a security group "
                + "or the peer's CIDR instead; for a load balancer's TCP 80/443 use TierSecurityGroup with "
                + "publicIngressPorts, which tags the group securevpc:public-ingress=true.",
                findings.description("BlueprintChecks-SecurityGroupNoWorldIngress[::/0:tcp:443]"));
    }

    @Test
    void failsL2GroupWithRdpFromAnywhereAllowAllEgressAndAVpcWideRule() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoAllowAllEgress[0.0.0.0/0:all]",
                "BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:3389]",
                "BlueprintChecks-SecurityGroupPrefersGroupReferences[ingress:10.0.0.0/16]"),
                findings.at("Test/L2Open/Resource"));
    }

    @Test
    void allowAllEgressAndWideRangesAreWarningsAndWorldIngressAnError() {
        assertEquals("warning", findings.severity("BlueprintChecks-SecurityGroupNoAllowAllEgress[0.0.0.0/0:all]"));
        assertEquals("warning", findings.severity("BlueprintChecks-SecurityGroupPrefersGroupReferences[ingress:10.0.0.0/16]"));
        assertEquals("error", findings.severity("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/0:tcp:3389]"));
    }

    @Test
    void passesTheBlueprintsPublicLoadBalancerGroupAndGroupReferences() {
        assertEquals(List.of(), findings.at("Test/PublicLb/Group/Resource"));
        assertEquals(List.of(), findings.at("Test/App/Group/Resource"));
        assertTrue(findings.all().keySet().stream().noneMatch(p -> p.startsWith("Test/App/")
                || p.startsWith("Test/PublicLb/")), findings.all().toString());
    }

    @Test
    void reportsAParameterCidrAsCannotCheckNotAsAnException() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[CannotCheck-SecurityGroupIngress0.CidrIp]",
                "BlueprintChecks-SecurityGroupPrefersGroupReferences[CannotCheck-SecurityGroupIngress0.CidrIp]"),
                findings.at("Test/L1Param"));
        assertTrue(findings.description("BlueprintChecks-SecurityGroupNoWorldIngress[CannotCheck-SecurityGroupIngress0.CidrIp]")
                .startsWith("Cannot check: SecurityGroupIngress[0].CidrIp is an intrinsic value"));
    }

    @Test
    void failsSshOpenToTheInternetThroughTwoHalvesInTwoResources() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/1:tcp:22]"),
                findings.at("Test/L1SplitLow", WORLD_INGRESS));
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[128.0.0.0/1:tcp:0-1024]"),
                findings.at("Test/L1SplitHigh", WORLD_INGRESS));
        assertTrue(findings.description("BlueprintChecks-SecurityGroupNoWorldIngress[0.0.0.0/1:tcp:22]")
                .contains("with the group's other rules, the internet on tcp 22 (remote administration)"));
    }

    @Test
    void failsL2RdpOpenToTheIpv6InternetThroughTwoHalves() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[8000::/1:tcp:3000-4000]",
                "BlueprintChecks-SecurityGroupNoWorldIngress[::/1:tcp:3389]"),
                findings.at("Test/L2Halves/Resource", WORLD_INGRESS));
    }

    @Test
    void failsAPublicSlashEightOnSsh() {
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress[11.0.0.0/8:tcp:22]"),
                findings.at("Test/L2WideAdmin/Resource", WORLD_INGRESS));
    }

    @Test
    void passesPrivateRangesOnSshAndHalvesOnDifferentPorts() {
        assertEquals(List.of(), findings.at("Test/L2Narrow/Resource", WORLD_INGRESS));
    }

    @Test
    void checksAPrefixListOfTheAppByItsEntriesAndCannotCheckAForeignOne() {
        assertEquals(List.of(), findings.at("Test/L2Listed/Resource", WORLD_INGRESS));
        // CDK writes a rule with an imported prefix list as a standalone ingress resource
        assertEquals(List.of("BlueprintChecks-SecurityGroupNoWorldIngress"
                        + "[CannotCheck-L2ForeignListfrompl6da540042233C44CB2.SourcePrefixListId]"),
                findings.at("Test/L2ForeignList/from pl-6da54004:22", WORLD_INGRESS));
    }
}

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
}

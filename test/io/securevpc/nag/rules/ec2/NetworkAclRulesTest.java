package io.securevpc.nag.rules.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.TestStacks;
import io.securevpc.nag.PackFindings;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import io.securevpc.network.SecureVpc;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.AclCidr;
import software.amazon.awscdk.services.ec2.AclTraffic;
import software.amazon.awscdk.services.ec2.Action;
import software.amazon.awscdk.services.ec2.CfnNetworkAcl;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnSubnetNetworkAclAssociation;
import software.amazon.awscdk.services.ec2.CommonNetworkAclEntryOptions;
import software.amazon.awscdk.services.ec2.NetworkAcl;
import software.amazon.awscdk.services.ec2.TrafficDirection;

/**
 * NetworkAclNoUnrestrictedAdminOrAllPorts, NetworkAclDenyBeforeAllow, NetworkAclEphemeralReturn and NetworkAclAssociated
 * (BP-NET-4/5): one stack with one NACL per case, checked once.
 */
class NetworkAclRulesTest {
    /** The rules under test: only they run, so another rule's findings never reach these assertions. */
    private static final List<Class<? extends BlueprintRule>> RULES = List.of(
            NetworkAclNoUnrestrictedAdminOrAllPorts.class, NetworkAclDenyBeforeAllow.class,
            NetworkAclEphemeralReturn.class, NetworkAclAssociated.class);
    private static PackFindings findings;

    @BeforeAll
    static void check() {
        Stack stack = TestStacks.regionalStack();
        // the audit baseline is AuditBaselinePresent's concern, not this class's
        AuditBaselinePresent.declareExisting(stack, "Not under test here", List.of(AuditBaselinePresent.CLOUDTRAIL,
                AuditBaselinePresent.CONFIG, AuditBaselinePresent.GUARDDUTY));
        SecureVpc vpc = new SecureVpc(stack, "Network", null);
        String vpcId = vpc.getVpc().getVpcId();
        // L1: SSH from anywhere (100), a deny numbered after it (200), HTTPS with no return path (110)
        CfnNetworkAcl l1 = CfnNetworkAcl.Builder.create(stack, "L1Acl").vpcId(vpcId).build();
        entry(stack, "L1Ssh", l1, 100, "allow", false, "0.0.0.0/0", 6, 22, 22);
        entry(stack, "L1Https", l1, 110, "allow", false, "10.0.0.0/16", 6, 443, 443);
        entry(stack, "L1LateDeny", l1, 200, "deny", false, "198.51.100.0/24", -1, null, null);
        CfnSubnet subnet = CfnSubnet.Builder.create(stack, "L1Subnet").vpcId(vpcId).cidrBlock("10.0.200.0/24")
                .availabilityZone("eu-west-1a").build();
        CfnSubnetNetworkAclAssociation.Builder.create(stack, "L1Association").networkAclId(l1.getRef())
                .subnetId(subnet.getRef()).build();
        // L2 misconfiguration: every port from anywhere, on a NACL no subnet uses
        NetworkAcl l2 = NetworkAcl.Builder.create(stack, "L2Acl").vpc(vpc.getVpc()).build();
        l2.addEntry("AllIn", CommonNetworkAclEntryOptions.builder().ruleNumber(100).cidr(AclCidr.anyIpv4())
                .traffic(AclTraffic.allTraffic()).direction(TrafficDirection.INGRESS).ruleAction(Action.ALLOW).build());
        // intrinsic: a CIDR that is a deploy-time parameter
        CfnParameter cidr = CfnParameter.Builder.create(stack, "PeerCidr").type("String").build();
        CfnNetworkAcl param = CfnNetworkAcl.Builder.create(stack, "ParamAcl").vpcId(vpcId).build();
        entry(stack, "ParamEntry", param, 100, "allow", false, cidr.getValueAsString(), 6, 22, 22);
        // address sets: SSH from the two halves of IPv4 (L1), every port from the two halves of IPv6 (L2),
        // RDP from a public /8, SSH from a private /8
        CfnNetworkAcl split = CfnNetworkAcl.Builder.create(stack, "SplitAcl").vpcId(vpcId).build();
        entry(stack, "SplitLow", split, 100, "allow", false, "0.0.0.0/1", 6, 22, 22);
        entry(stack, "SplitHigh", split, 110, "allow", false, "128.0.0.0/1", 6, 20, 30);
        entry(stack, "WideRdp", split, 120, "allow", false, "11.0.0.0/8", 6, 3389, 3389);
        entry(stack, "PrivateSsh", split, 130, "allow", false, "10.0.0.0/8", 6, 22, 22);
        entry(stack, "HalfHttps", split, 140, "allow", false, "0.0.0.0/1", 6, 443, 443);
        NetworkAcl halves = NetworkAcl.Builder.create(stack, "HalvesAcl").vpc(vpc.getVpc()).build();
        for (String half : List.of("::/1", "8000::/1")) {
            halves.addEntry("Out" + half.charAt(0), CommonNetworkAclEntryOptions.builder()
                    .ruleNumber(half.startsWith(":") ? 100 : 110).cidr(AclCidr.ipv6(half))
                    .traffic(AclTraffic.allTraffic()).direction(TrafficDirection.EGRESS).ruleAction(Action.ALLOW).build());
        }
        findings = PackFindings.checkOnly(stack, RULES);
    }

    private static void entry(final Stack stack, final String id, final CfnNetworkAcl acl, final int number,
                              final String action, final boolean egress, final String cidr, final int protocol,
                              final Integer from, final Integer to) {
        CfnNetworkAclEntry.Builder b = CfnNetworkAclEntry.Builder.create(stack, id).networkAclId(acl.getRef())
                .ruleNumber(number).ruleAction(action).egress(egress).cidrBlock(cidr).protocol(protocol);
        if (from != null) {
            b.portRange(CfnNetworkAclEntry.PortRangeProperty.builder().from(from).to(to).build());
        }
        b.build();
    }

    @Test
    void failsL1EntryAllowingSshFromTheInternet() {
        assertEquals(List.of("BlueprintChecks-NetworkAclNoUnrestrictedAdminOrAllPorts"), findings.at("Test/L1Ssh"));
        assertEquals(List.of(), findings.at("Test/L1Https"));
    }

    @Test
    void failsL1NaclWithADenyAfterAnAllowAndInboundEntriesWithoutReturnPath() {
        assertEquals(List.of("BlueprintChecks-NetworkAclDenyBeforeAllow[ingress-200]",
                "BlueprintChecks-NetworkAclEphemeralReturn[ingress-100]", "BlueprintChecks-NetworkAclEphemeralReturn[ingress-110]"),
                findings.at("Test/L1Acl"));
        assertEquals("error", findings.severity("BlueprintChecks-NetworkAclEphemeralReturn[ingress-110]"));
    }

    @Test
    void failsL2EntryAllowingAllTrafficAndWarnsOnItsUnassociatedNacl() {
        assertEquals(List.of("BlueprintChecks-NetworkAclNoUnrestrictedAdminOrAllPorts"), findings.at("Test/L2Acl/AllIn/Resource"));
        assertEquals(List.of("BlueprintChecks-NetworkAclAssociated"), findings.at("Test/L2Acl/Resource"));
        assertEquals("warning", findings.severity("BlueprintChecks-NetworkAclAssociated"));
    }

    @Test
    void passesEverySecureVpcNacl() {
        assertTrue(findings.all().keySet().stream().noneMatch(p -> p.startsWith("Test/Network/")),
                findings.all().toString());
    }

    @Test
    void reportsAParameterCidrAsCannotCheck() {
        assertEquals(List.of("BlueprintChecks-NetworkAclNoUnrestrictedAdminOrAllPorts[CannotCheck-CidrBlock]"),
                findings.at("Test/ParamEntry"));
    }

    @Test
    void failsSshFromTheTwoHalvesOfIpv4InTwoEntries() {
        String rule = "NetworkAclNoUnrestrictedAdminOrAllPorts";
        assertEquals(List.of("BlueprintChecks-" + rule), findings.at("Test/SplitLow", rule));
        assertEquals(List.of("BlueprintChecks-" + rule), findings.at("Test/SplitHigh", rule));
    }

    @Test
    void failsRdpFromAPublicSlashEightButNotSshFromAPrivateOne() {
        String rule = "NetworkAclNoUnrestrictedAdminOrAllPorts";
        assertEquals(List.of("BlueprintChecks-" + rule), findings.at("Test/WideRdp", rule));
        assertEquals(List.of(), findings.at("Test/PrivateSsh", rule));
        assertEquals(List.of(), findings.at("Test/HalfHttps", rule));
    }

    @Test
    void failsL2EveryPortToTheTwoHalvesOfIpv6() {
        String rule = "NetworkAclNoUnrestrictedAdminOrAllPorts";
        assertEquals(List.of("BlueprintChecks-" + rule), findings.at("Test/HalvesAcl/Out:/Resource", rule));
        assertEquals(List.of("BlueprintChecks-" + rule), findings.at("Test/HalvesAcl/Out8/Resource", rule));
    }
}

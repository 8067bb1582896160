package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;

/**
 * Tier security groups reference each other instead of CIDRs and allow nothing that was not asked for
 * (BP-NET-2, BP-NET-7, BP-NET-8). One shared template holds a group for each behaviour.
 */
class TierSecurityGroupTest {
    private static final String S3_PREFIX_LIST = "pl-6da54004";

    private static Stack stack;
    private static Template template;
    private static TemplateView view;
    private static TierSecurityGroup loadBalancer;
    private static TierSecurityGroup app;
    private static TierSecurityGroup database;
    private static TierSecurityGroup idle;
    private static TierSecurityGroup cluster;
    private static TierSecurityGroup s3Client;
    private static TierSecurityGroup apiCaller;

    @BeforeAll
    static void synth() {
        stack = TestStacks.regionalStack();
        IVpc vpc = Vpc.fromVpcAttributes(stack, "Vpc", VpcAttributes.builder().vpcId("vpc-0123456789abcdef0")
                .availabilityZones(TestStacks.AZS.subList(0, 2)).build());
        loadBalancer = group(vpc, "LoadBalancer", List.of(PortRange.tcp(443)));
        app = group(vpc, "App", null);
        database = group(vpc, "Database", null);
        idle = group(vpc, "Idle", null);
        cluster = group(vpc, "Cluster", null);
        s3Client = group(vpc, "S3Client", null);
        apiCaller = group(vpc, "ApiCaller", null);
        app.allowFrom(loadBalancer, PortRange.tcp(8443), "Load balancer to application");
        database.allowFrom(app, PortRange.tcp(5432), "Application to database");
        cluster.allowWithinGroup(PortRange.tcp(7000, 7001), "Cluster members gossip");
        s3Client.allowEgressToPrefixList(S3_PREFIX_LIST, PortRange.tcp(443), "S3 through the gateway endpoint");
        apiCaller.allowEgressToInternet(PortRange.tcp(443), "HTTPS APIs through NAT");
        template = Template.fromStack(stack);
        view = new TemplateView(template);
    }

    private static TierSecurityGroup group(final IVpc vpc, final String id, final List<PortRange> publicPorts) {
        return TierSecurityGroup.Builder.create(stack, id).vpc(vpc).description(id + " members")
                .publicIngressPorts(publicPorts).build();
    }

    private static Map<String, Object> groupId(final TierSecurityGroup group) {
        return Map.of("Fn::GetAtt", List.of(TemplateView.logicalId(group.getSecurityGroup()), "GroupId"));
    }

    private static Map<String, Object> props(final TierSecurityGroup group) {
        return TemplateView.props(view.resource(TemplateView.logicalId(group.getSecurityGroup())));
    }

    /** BP-NET-2, BP-NET-8: ingress names the source group, not an address range. */
    @Test
    void allowFromAddsIngressReferencingTheSourceGroup() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", groupId(database),
                "SourceSecurityGroupId", groupId(app),
                "IpProtocol", "tcp", "FromPort", 5432, "ToPort", 5432,
                "CidrIp", Match.absent()));
    }

    /** BP-NET-2: the source may send only where it is allowed in: the matching egress, to the group. */
    @Test
    void allowFromAddsTheMatchingEgressOnTheSourceGroup() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", groupId(app),
                "DestinationSecurityGroupId", groupId(database),
                "IpProtocol", "tcp", "FromPort", 5432, "ToPort", 5432,
                "CidrIp", Match.absent()));
    }

    /** BP-NET-2: a new group allows nothing: no ingress, and only CDK's placeholder that matches no traffic. */
    @Test
    void aNewGroupHasNoIngressAndNoRealEgress() {
        Map<String, Object> idleGroup = props(idle);
        assertNull(idleGroup.get("SecurityGroupIngress"));
        assertEquals(List.of(Map.of("CidrIp", "255.255.255.255/32", "Description", "Disallow all traffic",
                "IpProtocol", "icmp", "FromPort", 252, "ToPort", 86)), idleGroup.get("SecurityGroupEgress"));
        String id = TemplateView.logicalId(idle.getSecurityGroup());
        for (String type : List.of("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress")) {
            assertTrue(view.ofType(type).values().stream().map(TemplateView::props)
                    .noneMatch(p -> groupId(idle).equals(p.get("GroupId"))), id + " has a " + type);
        }
    }

    /** BP-NET-7: members of one group reach each other only when asked, in both directions of the group. */
    @Test
    void allowWithinGroupAddsIngressAndEgressReferencingTheGroupItself() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.objectLike(Map.of(
                "GroupId", groupId(cluster), "SourceSecurityGroupId", groupId(cluster), "FromPort", 7000,
                "ToPort", 7001, "IpProtocol", "tcp")));
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Match.objectLike(Map.of(
                "GroupId", groupId(cluster), "DestinationSecurityGroupId", groupId(cluster), "FromPort", 7000,
                "ToPort", 7001, "IpProtocol", "tcp")));
    }

    /** BP-EP-4: egress to a service's prefix list instead of a wide CIDR, and to nothing else. */
    @Test
    void allowEgressToPrefixListNamesThePrefixList() {
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", groupId(s3Client),
                "DestinationPrefixListId", S3_PREFIX_LIST,
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "CidrIp", Match.absent()));
        assertEquals(1, view.ofType("AWS::EC2::SecurityGroupEgress").values().stream().map(TemplateView::props)
                .filter(p -> groupId(s3Client).equals(p.get("GroupId"))).count());
        assertNull(props(s3Client).get("SecurityGroupEgress"), "no inline egress besides the rule");
    }

    /** BP-NET-10: internet ingress exists only on the ports named, from anywhere, on the one group that asks. */
    @Test
    void publicIngressPortsOpenExactlyThosePortsToTheInternet() {
        assertEquals(List.of(Map.of("CidrIp", "0.0.0.0/0", "Description", "Internet clients of a load balancer (IPv4)",
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443)), props(loadBalancer).get("SecurityGroupIngress"));
        for (TierSecurityGroup other : List.of(app, database, idle, cluster, s3Client, apiCaller)) {
            assertNull(props(other).get("SecurityGroupIngress"), other.getNode().getPath());
        }
    }

    /** A weakening warns at synth: public ingress. */
    @Test
    void publicIngressPortsWarn() {
        Annotations.fromStack(stack).hasWarning("/Test/LoadBalancer",
                Match.stringLikeRegexp("publicIngressPorts opens \\[tcp 443\\] to 0.0.0.0/0"));
    }

    /** BP-NET-10: internet egress is explicit, on one port, and warns at synth. */
    @Test
    void allowEgressToInternetOpensOnePortAndWarns() {
        assertEquals(List.of(Map.of("CidrIp", "0.0.0.0/0", "Description", "HTTPS APIs through NAT",
                "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443)), props(apiCaller).get("SecurityGroupEgress"));
        Annotations.fromStack(stack).hasWarning("/Test/ApiCaller",
                Match.stringLikeRegexp("egress on tcp 443 to 0.0.0.0/0: HTTPS APIs through NAT"));
    }

    /** Only the groups that asked for a weakening warn. */
    @Test
    void groupsThatAskForNothingDoNotWarn() {
        Annotations.fromStack(stack).hasNoWarning("/Test/App", Match.anyValue());
        Annotations.fromStack(stack).hasNoWarning("/Test/Database", Match.anyValue());
    }

    // -------------------------------------------------------------------------------------- validation

    /** Builds a group with invalid props in a stack of its own (the shared template stays as it is). */
    private static BlueprintValidationException failsGroup(final String description, final List<PortRange> ports) {
        Stack bad = TestStacks.regionalStack();
        IVpc vpc = Vpc.fromVpcAttributes(bad, "Vpc", VpcAttributes.builder().vpcId("vpc-0123456789abcdef0")
                .availabilityZones(TestStacks.AZS.subList(0, 2)).build());
        return assertThrows(BlueprintValidationException.class, () -> new TierSecurityGroup(bad, "Group",
                TierSecurityGroupProps.builder().vpc(vpc).description(description).publicIngressPorts(ports).build()));
    }

    /** Asserts exactly one problem, of {@code code}, whose message contains {@code part}. */
    private static void assertProblem(final BlueprintValidationException e, final ErrorCode code, final String part) {
        assertEquals(List.of(code), e.getCodes(), e.getMessage());
        assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }

    @Test
    void failsOnABlankSecurityGroupDescription() {
        assertProblem(failsGroup("  ", null), ErrorCode.SECURITY_GROUP,
                "description = '  ': a description of who the members are");
    }

    /** BP-NET-2, BP-NET-10: SSH is never open to the internet. */
    @Test
    void failsOnPublicIngressOnSsh() {
        assertProblem(failsGroup("Load balancer", List.of(PortRange.tcp(22))), ErrorCode.SECURITY_GROUP,
                "publicIngressPorts = 'tcp 22': ports a load balancer serves; never 22");
    }

    /** BP-NET-2, BP-NET-10: nor RDP. */
    @Test
    void failsOnPublicIngressOnRdp() {
        assertProblem(failsGroup("Load balancer", List.of(PortRange.tcp(443), PortRange.tcp(3389))),
                ErrorCode.SECURITY_GROUP, "publicIngressPorts = 'tcp 3389': ports a load balancer serves; never 3389");
    }

    @Test
    void failsOnInvalidPublicIngressPorts() {
        assertProblem(failsGroup("Load balancer", List.of(PortRange.tcp(65536))), ErrorCode.PORT,
                "publicIngressPorts = 'tcp 65536': ports from 0 to 65535, from <= to");
    }

    @Test
    void failsOnAnInvalidPortBetweenGroups() {
        assertProblem(assertThrows(BlueprintValidationException.class,
                () -> database.allowFrom(app, PortRange.tcp(5432, 5400), "Application to database")),
                ErrorCode.PORT, "port = 'tcp 5432-5400': ports from 0 to 65535, from <= to");
    }

    /** The builder's required props are checked at {@code build()}, before any construct is created. */
    @Test
    void failsToBuildWithoutADescription() {
        Stack bad = TestStacks.regionalStack();
        IVpc vpc = Vpc.fromVpcAttributes(bad, "Vpc", VpcAttributes.builder().vpcId("vpc-0123456789abcdef0")
                .availabilityZones(TestStacks.AZS.subList(0, 2)).build());
        assertProblem(assertThrows(BlueprintValidationException.class,
                () -> TierSecurityGroup.Builder.create(bad, "NoDescription").vpc(vpc).build()),
                ErrorCode.CONFLICTING_PROPS, "description = (unset)");
        assertNull(bad.getNode().tryFindChild("NoDescription"));
    }
}

package io.securevpc.network;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.compliance.GatewayEndpointReturnMarker;
import io.securevpc.internal.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnNetworkAclEntry;
import software.amazon.awscdk.services.ec2.INetworkAcl;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.NetworkAcl;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.constructs.Construct;

/**
 * The tier NACLs of one {@link SecureVpc}, created in its scope (ids {@code <tier>Acl}) with the entries of the
 * {@link NaclPlan}, and the entries added later as the {@link NaclEntryBook} numbers them. Not a construct: the
 * NACLs stay children of the SecureVpc, so their paths and logical ids are those of the SecureVpc's.
 */
final class TierNacls {
    /**
     * Why AwsSolutions-VPC3 ("a Network ACL or Network ACL entry has been implemented") is acknowledged on every
     * NACL and entry the blueprint creates: the rule only notes that one exists, and the tier NACLs are a
     * deliberate layer of the blueprint, each entry planned per tier.
     */
    static final String VPC3_REASON = "Tier NACLs are a deliberate layer of the blueprint (BP-NET-4, BP-NET-5): "
            + "stateless allow and deny entries planned per tier at the subnet boundary, beside security groups";
    static final String VPC3 = "AwsSolutions-VPC3";

    private final Map<String, NetworkAcl> acls = new LinkedHashMap<>();
    private final NaclEntryBook book;
    private final Supplier<String> scopeName;

    TierNacls(final Construct scope, final IVpc vpc, final List<SubnetTier> activeTiers, final NaclPlan plan,
              final int entryQuota, final Supplier<String> scopeName) {
        this.book = new NaclEntryBook(entryQuota);
        this.scopeName = scopeName;
        for (SubnetTier tier : activeTiers) {
            NetworkAcl acl = NetworkAcl.Builder.create(scope, tier.getName() + "Acl")
                    .vpc(vpc)
                    .subnetSelection(SubnetSelection.builder().subnetGroupName(tier.getName()).build())
                    .build();
            Acknowledgements.acknowledge((CfnResource) acl.getNode().getDefaultChild(), VPC3_REASON, VPC3);
            markGatewayEndpointReturn(scope, tier, acl);
            String aclId = acl.getNetworkAclId();
            for (NaclPlan.Entry e : plan.entries(tier.getName())) {
                entry(acl, aclId, (e.egress() ? "Egress" : "Ingress") + e.ruleNumber() + (e.ipv6() ? "v6" : ""),
                        e.ruleNumber(), e.egress(), e.deny(), e.ports(), e.cidr(), e.ipv6());
            }
            acls.put(tier.getName(), acl);
            book.open(tier.getName(), plan.entries(tier.getName()));
        }
    }

    /**
     * The weakening of an isolated tier that takes its gateway endpoints' return traffic from anywhere: a warning at
     * synth, and the tag BlueprintChecks reads to accept the NACL's inbound ephemeral entries (BP-NET-4, BP-EP-2).
     */
    private static void markGatewayEndpointReturn(final Construct scope, final SubnetTier tier, final NetworkAcl acl) {
        if (tier.getKind() != TierKind.ISOLATED || tier.getEgressPorts().isEmpty()
                || !tier.getGatewayEndpointCidrs().isEmpty() || !tier.isGatewayEndpointReturnFromAnywhere()) {
            return;
        }
        Tags.of(acl).add(GatewayEndpointReturnMarker.TAG_KEY, GatewayEndpointReturnMarker.TAG_VALUE);
        Annotations.of(scope).addWarningV2("@securevpc/network:gatewayEndpointReturnFromAnywhere",
                "tier '" + tier.getName() + "' sends " + tier.getEgressPorts() + " to 0.0.0.0/0 and takes return "
                        + "traffic from 0.0.0.0/0 on ephemeral ports (minus SSH, RDP and its own ports): name the "
                        + "gateway endpoints' ranges in gatewayEndpointCidrs instead (BP-NET-4, BP-EP-2).");
    }

    INetworkAcl acl(final String tier) {
        return acls.get(tier);
    }

    SortedSet<Integer> ruleNumbers(final String tier) {
        return book.numbers(tier);
    }

    /**
     * Adds entries to several tiers' NACLs, each batch as {@link #add} does, after checking every batch's quota
     * first: nothing is added when one tier would overflow.
     */
    void addAll(final List<Map.Entry<String, List<NaclEntryBook.Allow>>> batches, final Problems problems) {
        batches.forEach(b -> book.checkQuota(b.getKey(), b.getValue(), "", problems));
        problems.throwIfAny(scopeName);
        batches.forEach(b -> add(b.getKey(), b.getValue(), "", problems));
    }

    /**
     * Checks the quota (and throws every problem found so far), then adds the entries the tier's NACL does not
     * have yet (same direction, ports and block, planned or added before), in order.
     *
     * @param hint how to need fewer entries, or empty
     */
    void add(final String tier, final List<NaclEntryBook.Allow> entries, final String hint, final Problems problems) {
        book.checkQuota(tier, entries, hint, problems);
        problems.throwIfAny(scopeName);
        NetworkAcl acl = acls.get(tier);
        for (NaclEntryBook.Numbered e : book.add(tier, entries)) {
            boolean egress = e.allow().egress();
            entry(acl, acl.getNetworkAclId(), (egress ? "Egress" : "Ingress") + e.ruleNumber(), e.ruleNumber(),
                    egress, false, e.allow().ports(), e.allow().cidr(), false);
        }
    }

    /**
     * One NACL entry, as {@code NetworkAcl.addEntry} renders it, at the same construct path (so the same logical
     * id): a {@code CfnNetworkAclEntry} named {@code Resource} under a construct named after the entry. Written
     * directly because {@code addEntry} goes through {@code AclTraffic}, {@code AclCidr} and {@code NetworkAclEntry}
     * objects that each come back from JavaScript (six jsii round trips per entry against two), and a tier NACL
     * has up to 40 entries per direction.
     *
     * @param ports {@code null} for all traffic
     */
    private static void entry(final NetworkAcl acl, final String aclId, final String id, final int number,
                              final boolean egress, final boolean deny, final @Nullable PortRange ports,
                              final String cidr, final boolean ipv6) {
        CfnNetworkAclEntry.Builder entry = CfnNetworkAclEntry.Builder.create(new Construct(acl, id), "Resource")
                .networkAclId(aclId)
                .ruleNumber(number)
                .ruleAction(deny ? "deny" : "allow")
                .egress(egress);
        if (ports == null) {
            entry.protocol(-1);
        } else {
            entry.protocol(ports.getProtocol() == PortRange.Protocol.TCP ? 6 : 17)
                    .portRange(CfnNetworkAclEntry.PortRangeProperty.builder()
                            .from(ports.getFrom()).to(ports.getTo()).build());
        }
        if (ipv6) {
            entry.ipv6CidrBlock(cidr);
        } else {
            entry.cidrBlock(cidr);
        }
        Acknowledgements.acknowledge(entry.build(), VPC3_REASON, VPC3);
    }
}

package io.securevpc.nag.rules.ec2;

import io.securevpc.internal.AddressSet;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MV-1, BP-MV-2: a route through a VPC peering connection names a specific destination, never a default
 * route (0.0.0.0/0, ::/0). When the VPC on the other side of the connection is in the app with a literal CIDR, the
 * destination must lie inside it: peering is not transitive, so anything wider only widens the blast radius. The
 * other side is the peer VPC for a route of the requester, and the requester VPC for a route of the accepter
 * (its route table's {@code VpcId} is the connection's {@code PeerVpcId}). The other VPC's address space is its
 * {@code CidrBlock} with its secondary blocks ({@code AWS::EC2::VPCCidrBlock}) of the app, compared as a set.
 */
public final class PeeringRouteSpecific implements BlueprintRule {
    static final String PEERING = "AWS::EC2::VPCPeeringConnection";
    static final String SECONDARY_CIDR = "AWS::EC2::VPCCidrBlock";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Routing.ROUTE);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (!resource.properties().has("VpcPeeringConnectionId")) {
            return RuleResult.notApplicable();
        }
        if (resource.properties().has("DestinationPrefixListId")) {
            return RuleResult.compliant();
        }
        String prop = resource.properties().has("DestinationIpv6CidrBlock") ? "DestinationIpv6CidrBlock"
                : "DestinationCidrBlock";
        CidrValue destination = app.cidr(resource.stack(), resource.prop(prop));
        if (destination.literal() == null) {
            return RuleResult.of(List.of(Finding.cannotCheck(prop, AppTemplates.render(destination.raw()))));
        }
        if (destination.isWorld()) {
            return RuleResult.nonCompliant("default route " + destination.literal() + " through a peering connection");
        }
        Optional<TemplateResource> peering = app.target(resource.stack(), resource.prop("VpcPeeringConnectionId"))
                .filter(p -> PEERING.equals(p.type()));
        Optional<TemplateResource> accepter = peering.flatMap(p -> app.target(p.stack(), p.prop("PeerVpcId")));
        Optional<TemplateResource> own = app.target(resource.stack(), resource.prop("RouteTableId"))
                .flatMap(table -> app.target(table.stack(), table.prop("VpcId")));
        boolean accepterSide = own.isPresent() && accepter.isPresent() && own.get() == accepter.get();
        Optional<TemplateResource> otherVpc = accepterSide
                ? peering.flatMap(p -> app.target(p.stack(), p.prop("VpcId"))) : accepter;
        Optional<String> otherCidr = otherVpc.flatMap(vpc -> app.literal(vpc.stack(), vpc.prop("CidrBlock")));
        Optional<AddressSet> dest = AddressSet.parse(destination.literal());
        if (otherCidr.isPresent() && !Net.isIpv6(destination.literal()) && dest.isPresent()) {
            // the peer's address space: its primary CIDR and the secondary ones (AWS::EC2::VPCCidrBlock) of the app
            List<String> cidrs = new ArrayList<>(List.of(otherCidr.get()));
            app.ofType(SECONDARY_CIDR).stream()
                    .filter(b -> app.target(b.stack(), b.prop("VpcId")).map(v -> v == otherVpc.get()).orElse(false))
                    .forEach(b -> app.literal(b.stack(), b.prop("CidrBlock")).ifPresent(cidrs::add));
            AddressSet peerSpace = AddressSet.union(cidrs.stream().map(AddressSet::parse).flatMap(Optional::stream)
                    .toList());
            if (!peerSpace.contains(dest.get())) {
                return RuleResult.nonCompliant("destination " + destination.literal() + " is not inside the "
                        + (accepterSide ? "requester" : "peer") + " VPC's " + String.join(", ", cidrs));
            }
        }
        return RuleResult.compliant();
    }
}

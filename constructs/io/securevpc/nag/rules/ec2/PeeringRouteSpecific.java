package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MV-1, BP-MV-2: a route through a VPC peering connection names a specific destination, never a default
 * route (0.0.0.0/0, ::/0). When the peer VPC is in the app with a literal CIDR, the destination must lie
 * inside it: peering is not transitive, so anything wider only widens the blast radius.
 */
public final class PeeringRouteSpecific implements BlueprintRule {
    static final String PEERING = "AWS::EC2::VPCPeeringConnection";

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
        Optional<String> peerCidr = app.target(resource.stack(), resource.prop("VpcPeeringConnectionId"))
                .filter(p -> PEERING.equals(p.type()))
                .flatMap(p -> app.target(p.stack(), p.prop("PeerVpcId")))
                .flatMap(vpc -> app.literal(vpc.stack(), vpc.prop("CidrBlock")));
        if (peerCidr.isPresent() && !Net.isIpv6(destination.literal())
                && !Net.covers(peerCidr.get(), destination.literal())) {
            return RuleResult.nonCompliant("destination " + destination.literal() + " is not inside the peer VPC's "
                    + peerCidr.get());
        }
        return RuleResult.compliant();
    }
}

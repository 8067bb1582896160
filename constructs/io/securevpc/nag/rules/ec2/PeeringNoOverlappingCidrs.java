package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MV-2: the two VPCs of a peering connection have no overlapping IPv4 CIDR (AWS refuses such a peering,
 * and overlapping ranges cannot be routed). Both VPCs must be in the app with literal CIDRs; otherwise the
 * rule cannot check and says so.
 */
public final class PeeringNoOverlappingCidrs implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(PeeringRouteSpecific.PEERING);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        Optional<String> own = cidr(resource, "VpcId", app);
        Optional<String> peer = cidr(resource, "PeerVpcId", app);
        if (own.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("VpcId", AppTemplates.render(resource.prop("VpcId")))));
        }
        if (peer.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("PeerVpcId",
                    "peer VPC outside the app or without a literal CIDR: " + AppTemplates.render(resource.prop("PeerVpcId")))));
        }
        return Net.overlaps(own.get(), peer.get())
                ? RuleResult.nonCompliant("the VPC's " + own.get() + " overlaps the peer's " + peer.get())
                : RuleResult.compliant();
    }

    private static Optional<String> cidr(final TemplateResource peering, final String prop, final AppTemplates app) {
        return app.target(peering.stack(), peering.prop(prop)).filter(v -> FlowLogs.VPC.equals(v.type()))
                .flatMap(v -> app.literal(v.stack(), v.prop("CidrBlock")));
    }
}

package io.securevpc.nag.rules.ec2;

import io.securevpc.compliance.GatewayEndpointReturnMarker;
import io.securevpc.internal.AddressSet;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Exposure;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Nacl;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-4, BP-NET-5: a NACL whose subnets have no internet route (no route to an internet, egress-only or NAT
 * gateway and no default route, in any of their route tables) admits no inbound traffic from the whole internet:
 * nothing from the internet can reach such a tier, so an entry open to 0.0.0.0/0 or ::/0 (or to ranges that add
 * up to them) only opens the tier to every address that can reach it some other way (the rest of the VPC, peers,
 * VPN), whatever ports its own entries name. Return traffic names its real peers. One finding per inbound allow
 * entry that takes part, e.g. {@code [ingress-1040]}.
 *
 * <p>Entries on the ephemeral range that SecureVpc writes for a tier declared with
 * {@code gatewayEndpointReturnFromAnywhere} (the tier reaches S3/DynamoDB through gateway endpoints whose ranges
 * were not named) carry the tag {@code securevpc:gateway-endpoint-return=true} on the NACL and are accepted.
 */
public final class NetworkAclNoWorldInboundWithoutInternetRoute implements BlueprintRule {
    /** The tag SecureVpc sets on the NACL of a tier declared to take gateway-endpoint return traffic from anywhere. */
    public static final String GATEWAY_RETURN_TAG = GatewayEndpointReturnMarker.TAG_KEY;

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Nacl.ACL);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<TemplateResource> subnets = Nacl.associations(resource, app).stream()
                .map(a -> app.target(a.stack(), a.prop("SubnetId"))).flatMap(Optional::stream).toList();
        if (subnets.isEmpty()) {
            return RuleResult.notApplicable();
        }
        boolean internet = subnets.stream().flatMap(s -> Routing.routeTablesOf(s, app).stream())
                .flatMap(t -> Routing.routesOf(t, app).stream()).anyMatch(r -> Routing.isInternetRoute(r, app));
        if (internet) {
            return RuleResult.notApplicable();
        }
        boolean gatewayReturn = resource.tag(GATEWAY_RETURN_TAG).map("true"::equals).orElse(false);
        List<Nacl.Entry> inbound = Nacl.entries(resource, app).stream()
                .filter(e -> !e.egress() && e.allow()).toList();
        List<Exposure.Grant> grants = new ArrayList<>();
        for (Nacl.Entry e : inbound) {
            grant(e).ifPresent(grants::add);
        }
        List<Finding> findings = new ArrayList<>();
        for (Nacl.Entry e : inbound) {
            if (e.ownRange()) {
                continue;
            }
            if (e.cidr() == null) {
                findings.add(Finding.cannotCheck(e.label() + ".CidrBlock", AppTemplates.render(e.rawCidr())));
                continue;
            }
            Optional<Exposure.Grant> own = grant(e);
            if (own.isEmpty()) {
                continue;
            }
            if (gatewayReturn && own.get().ports().from() >= 1024) {
                continue;
            }
            Optional<Exposure.Opening> opening = Exposure.worst(own.get(), grants, port -> false);
            if (opening.isPresent() && opening.get().world()) {
                findings.add(Finding.of(e.label(), e.label() + " allows " + e.protocol() + " " + own.get().ports()
                        + " from " + e.cidr() + ": with the NACL's inbound entries, the whole internet, on subnets "
                        + "with no internet route (" + String.join(", ", subnets.stream()
                        .map(TemplateResource::logicalId).toList()) + ")"));
            }
        }
        return RuleResult.of(findings);
    }

    private static Optional<Exposure.Grant> grant(final Nacl.Entry e) {
        if (e.cidr() == null || e.ports().isEmpty()) {
            return Optional.empty();
        }
        return AddressSet.parse(e.cidr()).map(a -> new Exposure.Grant(e.protocol(), e.ports().get(), a));
    }
}

package io.securevpc.nag.rules.ec2;

import io.securevpc.internal.AddressSet;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Exposure;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Nacl;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-4, BP-NET-5: a NACL never allows the internet inbound to SSH (22) or RDP (3389), nor every port or
 * protocol in either direction. Judged on the union of the NACL's allow entries of the entry's direction, not entry
 * by entry: {@code 0.0.0.0/1} and {@code 128.0.0.0/1} on port 22 are the internet, and a public range of /8 or wider
 * on SSH or RDP counts as open too. Every entry that takes part is reported. SecureVpc splits its ephemeral return
 * range around 3389 for this reason.
 */
public final class NetworkAclNoUnrestrictedAdminOrAllPorts implements BlueprintRule {
    static final List<Integer> ADMIN_PORTS = Exposure.ADMIN_PORTS;

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Nacl.ENTRY);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        Nacl.Entry e = Nacl.entry(resource, app);
        if (!e.allow()) {
            return RuleResult.notApplicable();
        }
        if (e.ownRange()) {
            return RuleResult.compliant();
        }
        if (e.cidr() == null) {
            return RuleResult.of(List.of(Finding.cannotCheck("CidrBlock", AppTemplates.render(e.rawCidr()))));
        }
        Optional<AddressSet> own = AddressSet.parse(e.cidr());
        if (own.isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("CidrBlock", e.cidr())));
        }
        if (e.ports().isEmpty()) {
            return Net.isWorld(e.cidr())
                    ? RuleResult.of(List.of(Finding.cannotCheck("PortRange", AppTemplates.render(resource.prop("PortRange")))))
                    : RuleResult.compliant();
        }
        Net.Ports ports = e.ports().get();
        List<Exposure.Grant> siblings = siblings(resource, e, app);
        Exposure.Grant grant = new Exposure.Grant(e.protocol(), ports, own.get());
        String direction = e.egress() ? "outbound to " : "inbound from ";
        String with = Net.isWorld(e.cidr()) ? "" : " (with the NACL's other entries: the internet)";
        if (ports.isAll()) {
            AddressSet every = AddressSet.union(siblings.stream()
                    .filter(g -> g.ports().isAll() && ("all".equals(g.protocol()) || g.protocol().equals(e.protocol())))
                    .map(Exposure.Grant::addresses).toList()).union(own.get());
            if ((every.coversAllIpv4() && own.get().hasIpv4()) || (every.coversAllIpv6() && own.get().hasIpv6())) {
                return RuleResult.nonCompliant("allows every port (" + e.protocol() + ") " + direction + e.cidr() + with);
            }
        }
        if (!e.egress() && ("tcp".equals(e.protocol()) || "udp".equals(e.protocol()) || "all".equals(e.protocol()))) {
            Optional<Exposure.Opening> opening = Exposure.worst(grant, siblings, port -> true);
            if (opening.isPresent() && opening.get().admin()) {
                return RuleResult.nonCompliant("allows " + e.protocol() + " " + ports + " (remote administration port "
                        + opening.get().port() + ") inbound from " + e.cidr()
                        + (Net.isWorld(e.cidr()) ? "" : ": with the NACL's other entries, "
                        + Exposure.describe(opening.get(), e.protocol())));
            }
        }
        return RuleResult.compliant();
    }

    /** The allow entries of the same NACL and direction, as grants (the ones whose CIDR and ports are known). */
    private static List<Exposure.Grant> siblings(final TemplateResource resource, final Nacl.Entry e,
                                                 final AppTemplates app) {
        List<Exposure.Grant> grants = new ArrayList<>();
        Optional<TemplateResource> acl = app.target(resource.stack(), resource.prop("NetworkAclId"));
        if (acl.isEmpty()) {
            return grants;
        }
        for (Nacl.Entry s : Nacl.entries(acl.get(), app)) {
            if (s.allow() && s.egress() == e.egress() && s.cidr() != null && s.ports().isPresent()) {
                AddressSet.parse(s.cidr()).ifPresent(a -> grants.add(new Exposure.Grant(s.protocol(), s.ports().get(), a)));
            }
        }
        return grants;
    }
}

package io.securevpc.nag.rules.ec2;

import io.securevpc.compliance.PublicIngressMarker;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Exposure;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Sg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-2, BP-NET-10: no security-group ingress open to the internet, except TCP 80 or 443 on a group marked
 * public. Judged on the union of the group's rules, not rule by rule: the group is open to the internet on a port
 * when the addresses of the rules admitting that port cover all of IPv4 or IPv6 ({@code 0.0.0.0/1} with
 * {@code 128.0.0.0/1} is the internet), and a public range of /8 or wider on SSH or RDP counts as open too. Every
 * rule that takes part is reported, on the resource that defines it. A prefix-list peer counts by its entries
 * when the list is defined in the app, and cannot be checked otherwise.
 *
 * <p>A group is marked public by the tag of {@link PublicIngressMarker}, which {@code TierSecurityGroup} sets when
 * given {@code publicIngressPorts}; an L1 group can carry the tag too. Checks inline rules of
 * {@code AWS::EC2::SecurityGroup} and standalone {@code AWS::EC2::SecurityGroupIngress} (whose group is found
 * through {@code GroupId}, anywhere in the app).
 */
public final class SecurityGroupNoWorldIngress implements BlueprintRule {
    private static final Set<Integer> PUBLIC_PORTS = Set.of(80, 443);

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Sg.GROUP, Sg.INGRESS);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        Optional<TemplateResource> group = Sg.group(resource, app);
        boolean marked = group.flatMap(g -> g.tag(PublicIngressMarker.TAG_KEY))
                .map(PublicIngressMarker.TAG_VALUE::equals).orElse(false);
        List<Map.Entry<TemplateResource, Sg.Rule>> all = group.map(g -> Sg.allIngress(g, app))
                .orElseGet(() -> Sg.rules(resource, false).stream().map(r -> Map.entry(resource, r)).toList());
        List<Exposure.Grant> grants = new ArrayList<>();
        for (Map.Entry<TemplateResource, Sg.Rule> e : all) {
            grant(e.getValue(), e.getKey(), app).ifPresent(grants::add);
        }
        List<Finding> findings = new ArrayList<>();
        for (Sg.Rule rule : Sg.rules(resource, false)) {
            Sg.Peer peer = Sg.peer(rule, resource, app);
            if (peer.cannotCheck() != null) {
                findings.add(peer.cannotCheck());
                continue;
            }
            if (peer.addresses() == null) {
                continue;
            }
            Optional<Exposure.Grant> own = grant(rule, resource, app);
            if (own.isEmpty()) {
                findings.add(Finding.cannotCheck(rule.where() + ".Ports", AppTemplates.render(rule.json())));
                continue;
            }
            String protocol = own.get().protocol();
            boolean tcp = "tcp".equals(protocol);
            Optional<Exposure.Opening> opening = Exposure.worst(own.get(), grants,
                    port -> tcp && marked && PUBLIC_PORTS.contains(port));
            if (opening.isEmpty()) {
                continue;
            }
            boolean unmarkedPublicPort = tcp && !marked && own.get().ports().from() == own.get().ports().to()
                    && PUBLIC_PORTS.contains(own.get().ports().from());
            boolean alone = opening.get().world() && peer.addresses().coversInternet();
            findings.add(Finding.of(peer.display() + ":" + protocol + ":" + own.get().ports(),
                    rule.where() + " allows " + protocol + " " + own.get().ports() + " from " + peer.display()
                            + (alone ? "" : ": with the group's other rules, " + Exposure.describe(opening.get(), protocol))
                            + (unmarkedPublicPort ? " on a group not tagged " + PublicIngressMarker.TAG_KEY + "="
                            + PublicIngressMarker.TAG_VALUE : "")));
        }
        return RuleResult.of(findings);
    }

    /** One rule as a grant, when its peer is an address range and its protocol and ports are known. */
    private static Optional<Exposure.Grant> grant(final Sg.Rule rule, final TemplateResource owner,
                                                  final AppTemplates app) {
        Sg.Peer peer = Sg.peer(rule, owner, app);
        if (peer.addresses() == null) {
            return Optional.empty();
        }
        return Sg.protocol(rule).flatMap(p -> Sg.ports(rule).map(ports -> new Exposure.Grant(p, ports, peer.addresses())));
    }
}

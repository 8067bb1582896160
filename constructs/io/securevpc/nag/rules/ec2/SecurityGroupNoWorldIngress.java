package io.securevpc.nag.rules.ec2;

import io.securevpc.compliance.PublicIngressMarker;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.CidrValue;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import io.securevpc.nag.rules.Sg;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-2, BP-NET-10: no security-group ingress from 0.0.0.0/0 or ::/0, except TCP 80 or 443 on a group
 * marked public. A group is marked public by the tag of {@link PublicIngressMarker}, which
 * {@code TierSecurityGroup} sets when given {@code publicIngressPorts}; an L1 group can carry the tag too. Checks inline rules of {@code AWS::EC2::SecurityGroup} and standalone {@code AWS::EC2::SecurityGroupIngress}
 * (whose group is found through {@code GroupId}).
 */
public final class SecurityGroupNoWorldIngress implements BlueprintRule {
    private static final Set<Integer> PUBLIC_PORTS = Set.of(80, 443);

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Sg.GROUP, Sg.INGRESS);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        boolean marked = Sg.group(resource, app)
                .flatMap(g -> g.tag(PublicIngressMarker.TAG_KEY)).map(PublicIngressMarker.TAG_VALUE::equals).orElse(false);
        List<Finding> findings = new ArrayList<>();
        for (Sg.CidrRule r : Sg.cidrRules(Sg.rules(resource, false), resource, app, findings)) {
            Sg.Rule rule = r.rule();
            CidrValue cidr = r.cidr();
            if (!cidr.isWorld()) {
                continue;
            }
            Optional<String> protocol = Sg.protocol(rule);
            Optional<Net.Ports> ports = Sg.ports(rule);
            if (protocol.isEmpty() || ports.isEmpty()) {
                findings.add(Finding.cannotCheck(rule.where() + ".Ports", AppTemplates.render(rule.json())));
                continue;
            }
            boolean publicPort = "tcp".equals(protocol.get()) && ports.get().from() == ports.get().to()
                    && PUBLIC_PORTS.contains(ports.get().from());
            if (publicPort && marked) {
                continue;
            }
            findings.add(Finding.of(cidr.literal() + ":" + protocol.get() + ":" + ports.get(),
                    rule.where() + " allows " + protocol.get() + " " + ports.get() + " from " + cidr.literal()
                            + (publicPort ? " on a group not tagged " + PublicIngressMarker.TAG_KEY + "="
                            + PublicIngressMarker.TAG_VALUE : "")));
        }
        return RuleResult.of(findings);
    }
}

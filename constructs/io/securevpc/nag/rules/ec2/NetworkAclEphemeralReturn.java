package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Nacl;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-4 (NACLs are stateless): a NACL associated with a subnet that allows inbound traffic must let the
 * responses out, i.e. allow outbound to the same sources on the ephemeral range
 * {@value io.securevpc.nag.rules.Net#EPHEMERAL_FROM}-{@value io.securevpc.nag.rules.Net#EPHEMERAL_TO}. An
 * inbound entry on ephemeral ports from a destination the subnet itself sends to is return traffic of that
 * outbound entry and needs nothing more. One finding per inbound allow entry that has neither.
 */
public final class NetworkAclEphemeralReturn implements BlueprintRule {
    private static final Net.Ports EPHEMERAL = new Net.Ports(Net.EPHEMERAL_FROM, Net.EPHEMERAL_TO);

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Nacl.ACL);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (Nacl.associations(resource, app).isEmpty()) {
            return RuleResult.notApplicable();
        }
        List<Nacl.Entry> entries = Nacl.entries(resource, app);
        List<Nacl.Entry> outbound = entries.stream().filter(e -> e.egress() && e.allow()).toList();
        List<Finding> findings = new ArrayList<>();
        for (Nacl.Entry in : entries) {
            if (in.egress() || !in.allow() || "icmp".equals(in.protocol()) || "icmpv6".equals(in.protocol())) {
                continue;
            }
            if (in.ports().isEmpty()) {
                findings.add(Finding.cannotCheck(in.label() + ".PortRange",
                        AppTemplates.render(in.resource().prop("PortRange"))));
                continue;
            }
            boolean answered = outbound.stream().anyMatch(out -> out.covers(in) && out.allowsProtocolOf(in)
                    && out.ports().map(p -> p.covers(EPHEMERAL)).orElse(false));
            boolean isReturn = EPHEMERAL.covers(in.ports().get())
                    && outbound.stream().anyMatch(out -> out.overlaps(in));
            if (answered || isReturn) {
                continue;
            }
            if (in.cidr() == null && !in.ownRange() && outbound.stream().noneMatch(out -> out.rawCidr().equals(in.rawCidr()))) {
                findings.add(Finding.cannotCheck(in.label() + ".CidrBlock", AppTemplates.render(in.rawCidr())));
                continue;
            }
            findings.add(Finding.of(in.label(), in.label() + " allows " + in.protocol() + " " + in.ports().get()
                    + " from " + (in.cidr() != null ? in.cidr() : AppTemplates.render(in.rawCidr()))
                    + " but no outbound entry allows the responses (ports " + EPHEMERAL + ") back to it"));
        }
        return RuleResult.of(findings);
    }
}

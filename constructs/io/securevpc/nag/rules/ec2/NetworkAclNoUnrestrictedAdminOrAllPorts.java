package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Nacl;
import io.securevpc.nag.rules.Net;
import io.securevpc.nag.rules.RuleResult;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-4, BP-NET-5: a NACL entry never allows 0.0.0.0/0 or ::/0 inbound to SSH (22) or RDP (3389), nor
 * every port or protocol in either direction. SecureVpc splits its ephemeral return range around 3389 for
 * this reason.
 */
public final class NetworkAclNoUnrestrictedAdminOrAllPorts implements BlueprintRule {
    static final List<Integer> ADMIN_PORTS = List.of(22, 3389);

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
        if (!Net.isWorld(e.cidr())) {
            return RuleResult.compliant();
        }
        if (e.ports().isEmpty()) {
            return RuleResult.of(List.of(Finding.cannotCheck("PortRange", AppTemplates.render(resource.prop("PortRange")))));
        }
        Net.Ports ports = e.ports().get();
        String direction = e.egress() ? "outbound to " : "inbound from ";
        if (ports.isAll()) {
            return RuleResult.nonCompliant("allows every port (" + e.protocol() + ") " + direction + e.cidr());
        }
        if (!e.egress() && ("tcp".equals(e.protocol()) || "udp".equals(e.protocol()))) {
            for (int admin : ADMIN_PORTS) {
                if (ports.contains(admin)) {
                    return RuleResult.nonCompliant("allows " + e.protocol() + " " + ports + " (remote administration port "
                            + admin + ") inbound from " + e.cidr());
                }
            }
        }
        return RuleResult.compliant();
    }
}

package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.Nacl;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-4, BP-NET-5: NACL entries are evaluated in rule-number order and the first match wins, so a deny
 * numbered above an allow of the same direction may never apply. Every deny entry must be numbered below
 * every allow entry of its direction (SecureVpc's layout: denies 1-999, allows from 1000).
 */
public final class NetworkAclDenyBeforeAllow implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Nacl.ACL);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<Nacl.Entry> entries = Nacl.entries(resource, app);
        List<Finding> findings = new ArrayList<>();
        for (boolean egress : new boolean[] {false, true}) {
            int lowestAllow = Integer.MAX_VALUE;
            for (Nacl.Entry e : entries) {
                if (e.egress() == egress && e.allow() && e.number() != null) {
                    lowestAllow = Math.min(lowestAllow, e.number());
                }
            }
            for (Nacl.Entry e : entries) {
                if (e.egress() != egress || e.allow()) {
                    continue;
                }
                if (e.number() == null) {
                    findings.add(Finding.cannotCheck(e.resource().logicalId() + ".RuleNumber",
                            AppTemplates.render(e.resource().prop("RuleNumber"))));
                } else if (e.number() > lowestAllow) {
                    findings.add(Finding.of(e.label(), "deny " + e.label() + " is numbered above the allow "
                            + (egress ? "egress-" : "ingress-") + lowestAllow + " and may never match"));
                }
            }
        }
        return RuleResult.of(findings);
    }
}

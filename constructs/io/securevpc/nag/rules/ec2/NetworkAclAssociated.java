package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Nacl;
import io.securevpc.nag.rules.RuleResult;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-NET-4: a NACL applies only to the subnets associated with it. One associated with no subnet of the app
 * filters nothing, which usually means a tier's subnets fell back to the VPC's default NACL (allow all).
 */
public final class NetworkAclAssociated implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(Nacl.ACL);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        return Nacl.associations(resource, app).isEmpty()
                ? RuleResult.nonCompliant("associated with no subnet of the app: it filters nothing")
                : RuleResult.compliant();
    }
}

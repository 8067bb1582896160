package io.securevpc.nag.rules.ec2;

import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-EP-5: an interface endpoint has private DNS on, so the service's public name resolves to the endpoint's
 * addresses inside the VPC and clients do not go around it to the public endpoint. CloudFormation's default
 * is off.
 *
 * <p>Not applicable to an endpoint of an endpoint service created in the same app (BP-MV-3): such a service has no
 * public endpoint to go around, and no private DNS name (CloudFormation's {@code AWS::EC2::VPCEndpointService}
 * cannot set one), so its consumers cannot turn private DNS on; they use the endpoint's own DNS names.
 */
public final class InterfaceEndpointPrivateDns implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(VpcEndpointPolicyRestricted.ENDPOINT);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (!"Interface".equals(resource.prop("VpcEndpointType").asText("Gateway"))
                || EndpointServices.ofTheApp(resource, app)) {
            return RuleResult.notApplicable();
        }
        var dns = resource.prop("PrivateDnsEnabled");
        if (!dns.isMissingNode() && !dns.isValueNode()) {
            return RuleResult.of(List.of(Finding.cannotCheck("PrivateDnsEnabled", AppTemplates.render(dns))));
        }
        return "true".equalsIgnoreCase(dns.asText("false")) ? RuleResult.compliant()
                : RuleResult.nonCompliant("PrivateDnsEnabled is " + (dns.isMissingNode() ? "unset (false)" : dns.asText()));
    }
}

package io.securevpc.nag.rules.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MV-3: a PrivateLink endpoint service you provide requires acceptance of each connection
 * ({@code AcceptanceRequired}) and names the principals allowed to connect in an
 * {@code AWS::EC2::VPCEndpointServicePermissions} of the app, never {@code *}. A permissions resource with
 * {@code *} is non-compliant on its own too.
 */
public final class EndpointServiceRestricted implements BlueprintRule {
    static final String SERVICE = "AWS::EC2::VPCEndpointService";
    static final String PERMISSIONS = "AWS::EC2::VPCEndpointServicePermissions";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(SERVICE, PERMISSIONS);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (PERMISSIONS.equals(resource.type())) {
            return RuleResult.of(wildcards(resource));
        }
        List<Finding> findings = new ArrayList<>();
        JsonNode acceptance = resource.prop("AcceptanceRequired");
        if (!acceptance.isMissingNode() && !acceptance.isValueNode()) {
            findings.add(Finding.cannotCheck("AcceptanceRequired", AppTemplates.render(acceptance)));
        } else if (!"true".equalsIgnoreCase(acceptance.asText("false"))) {
            findings.add(Finding.of("AcceptanceRequired", "AcceptanceRequired is not true: any allowed principal connects "
                    + "without the provider's approval"));
        }
        List<TemplateResource> permissions = app.ofType(PERMISSIONS).stream()
                .filter(p -> app.target(p.stack(), p.prop("ServiceId")).map(s -> s == resource).orElse(false))
                .toList();
        boolean named = permissions.stream().anyMatch(p -> p.prop("AllowedPrincipals").isArray()
                && !p.prop("AllowedPrincipals").isEmpty());
        if (!named) {
            findings.add(Finding.of("AllowedPrincipals", "no VPCEndpointServicePermissions of the app names the "
                    + "principals allowed to connect"));
        }
        permissions.forEach(p -> findings.addAll(wildcards(p)));
        return RuleResult.of(findings);
    }

    private static List<Finding> wildcards(final TemplateResource permissions) {
        for (JsonNode p : permissions.prop("AllowedPrincipals")) {
            if ("*".equals(p.asText())) {
                return List.of(Finding.of("WildcardPrincipal", permissions.logicalId() + " allows principal *"));
            }
        }
        return List.of();
    }
}

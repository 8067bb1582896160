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
 * BP-EP-2, BP-EP-3: a gateway or interface endpoint has an endpoint policy (without one, AWS attaches full
 * access), and no statement of it allows every principal every action without a narrowing {@code Condition}.
 * Gateway Load Balancer endpoints take no policy and are not checked, nor are endpoints of an endpoint service
 * created in the same app: such a service is a Network Load Balancer carrying TCP, with no AWS API request for an
 * endpoint policy to allow or deny; its allowed principals and acceptance decide who connects (BP-MV-3).
 */
public final class VpcEndpointPolicyRestricted implements BlueprintRule {
    static final String ENDPOINT = "AWS::EC2::VPCEndpoint";

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of(ENDPOINT);
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        String type = resource.prop("VpcEndpointType").asText("Gateway");
        if (!"Gateway".equals(type) && !"Interface".equals(type) || EndpointServices.ofTheApp(resource, app)) {
            return RuleResult.notApplicable();
        }
        JsonNode policy = resource.prop("PolicyDocument");
        if (policy.isMissingNode() || policy.isNull()) {
            return RuleResult.nonCompliant("no endpoint policy: AWS attaches one that allows everyone everything");
        }
        if (policy.isTextual()) {
            try {
                policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(policy.asText());
            } catch (java.io.IOException e) {
                return RuleResult.of(List.of(Finding.cannotCheck("PolicyDocument", "not JSON")));
            }
        }
        JsonNode statements = policy.path("Statement");
        if (!statements.isArray() && !statements.isObject()) {
            return RuleResult.of(List.of(Finding.cannotCheck("PolicyDocument", AppTemplates.render(policy))));
        }
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        for (JsonNode st : statements.isArray() ? statements : List.of(statements)) {
            String where = "Statement[" + i++ + "]";
            if (!"Allow".equals(st.path("Effect").asText()) || st.has("Condition")) {
                continue;
            }
            if (isWildcard(st.path("Principal"), true) && isWildcard(st.path("Action"), false)) {
                findings.add(Finding.of(where, where + " allows Principal * every action (*) with no Condition"));
            }
        }
        return RuleResult.of(findings);
    }

    /** @return whether the value is {@code *} (or a list or {@code {"AWS": ...}} holding it). */
    static boolean isWildcard(final JsonNode value, final boolean principal) {
        if (value.isTextual()) {
            return "*".equals(value.asText()) || (!principal && "*:*".equals(value.asText()));
        }
        if (value.isArray()) {
            for (JsonNode v : value) {
                if (isWildcard(v, principal)) {
                    return true;
                }
            }
            return false;
        }
        return principal && value.isObject() && isWildcard(value.path("AWS"), true);
    }
}

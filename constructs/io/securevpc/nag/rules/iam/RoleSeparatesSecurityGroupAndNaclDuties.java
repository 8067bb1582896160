package io.securevpc.nag.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jetbrains.annotations.NotNull;

/**
 * BP-IAM-4, BP-NET-5: no role can both change security groups and change network ACLs, so the two layers
 * can be owned by different people. Reads the role's inline policies, the {@code AWS::IAM::Policy} and
 * {@code AWS::IAM::ManagedPolicy} resources of the app attached to it, and AWS's broad managed policies by
 * name (AdministratorAccess, PowerUserAccess, AmazonEC2FullAccess, AmazonVPCFullAccess, NetworkAdministrator);
 * other managed policies outside the app are not read.
 */
public final class RoleSeparatesSecurityGroupAndNaclDuties implements BlueprintRule {
    static final List<String> SECURITY_GROUP_ACTIONS = List.of("ec2:AuthorizeSecurityGroupIngress",
            "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress",
            "ec2:ModifySecurityGroupRules", "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup");
    static final List<String> NACL_ACTIONS = List.of("ec2:CreateNetworkAclEntry", "ec2:ReplaceNetworkAclEntry",
            "ec2:DeleteNetworkAclEntry", "ec2:CreateNetworkAcl", "ec2:DeleteNetworkAcl",
            "ec2:ReplaceNetworkAclAssociation");
    private static final Pattern BROAD_MANAGED = Pattern.compile("policy/(AdministratorAccess|PowerUserAccess|"
            + "AmazonEC2FullAccess|AmazonVPCFullAccess|job-function/NetworkAdministrator)(\"|$)");

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::IAM::Role");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<String> actions = new ArrayList<>();
        for (JsonNode p : resource.prop("Policies")) {
            collect(p.path("PolicyDocument"), actions);
        }
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            for (TemplateResource policy : app.ofType(type)) {
                for (JsonNode role : policy.prop("Roles")) {
                    if (app.target(policy.stack(), role).map(r -> r == resource).orElse(false)) {
                        collect(policy.prop("PolicyDocument"), actions);
                    }
                }
            }
        }
        for (JsonNode arn : resource.prop("ManagedPolicyArns")) {
            String text = arn.isTextual() ? arn.asText() : arn.toString();
            if (BROAD_MANAGED.matcher(text).find()) {
                actions.add("ec2:*");
            }
            app.target(resource.stack(), arn).filter(m -> "AWS::IAM::ManagedPolicy".equals(m.type()))
                    .ifPresent(m -> collect(m.prop("PolicyDocument"), actions));
        }
        boolean sg = SECURITY_GROUP_ACTIONS.stream().anyMatch(a -> matchesAny(actions, a));
        boolean nacl = NACL_ACTIONS.stream().anyMatch(a -> matchesAny(actions, a));
        return sg && nacl ? RuleResult.nonCompliant("the role can modify both security groups and network ACLs")
                : RuleResult.compliant();
    }

    private static void collect(final JsonNode document, final List<String> out) {
        JsonNode statements = document.path("Statement");
        for (JsonNode st : statements.isArray() ? statements : List.of(statements)) {
            if (!"Allow".equals(st.path("Effect").asText())) {
                continue;
            }
            JsonNode action = st.path("Action");
            if (action.isTextual()) {
                out.add(action.asText());
            }
            action.forEach(a -> out.add(a.asText()));
        }
    }

    private static boolean matchesAny(final List<String> patterns, final String action) {
        for (String p : patterns) {
            String regex = "(?i)" + Pattern.quote(p).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
            if (action.matches(regex)) {
                return true;
            }
        }
        return false;
    }
}

package io.securevpc.nag.rules.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.compliance.ResourceNarrowing;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.Finding;
import io.securevpc.nag.rules.RuleResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-IAM-1, BP-IAM-2, BP-IAM-3: a role's permissions name their resources. An Allow statement of a policy that a
 * role of the app holds (its inline {@code Policies}, an {@code AWS::IAM::Policy} or {@code AWS::IAM::ManagedPolicy}
 * attached to it) may have a wildcard resource only when
 * <ul>
 *   <li>a condition narrows it to this VPC, account and region, or tagged resources: {@code ec2:Vpc}, or both
 *       {@code aws:ResourceAccount} and {@code aws:RequestedRegion}, or an {@code aws:ResourceTag/<key>}, with an
 *       {@code ArnEquals}, {@code ArnLike}, {@code StringEquals} or {@code StringLike} operator (no
 *       {@code ...IfExists}, no set operator) and values without {@code *}; or</li>
 *   <li>the action has no resource-level permissions: one of {@link #NO_RESOURCE_LEVEL_PERMISSIONS}.</li>
 * </ul>
 * A resource is a wildcard when it is {@code *}, when its ARN has {@code *} in the region or account, or in the
 * id of the resource it names (the part after the resource type, the bucket name for S3): {@code instance/*},
 * {@code arn:aws:ec2:*:*:subnet/subnet-1}. A wildcard inside a named resource (the objects of a named bucket, the
 * streams of a named log group) is not one. {@code NotResource} counts as a wildcard; {@code NotAction} is named as
 * the action. One finding per statement and action: {@code <Sid or Statement<index>>:<action>}, prefixed by the
 * policy name for a role's inline policy. The rule checks that a narrowing condition is present, not that its key
 * applies to every resource type of the action: a key that does not apply makes the statement allow nothing for
 * that resource (IAM fails closed), which only a deployment shows.
 */
public final class RolePolicyWildcardResourceNarrowed implements BlueprintRule {
    /** The actions exempt from the rule: {@link ResourceNarrowing#NO_RESOURCE_LEVEL_PERMISSIONS}. */
    public static final List<String> NO_RESOURCE_LEVEL_PERMISSIONS = ResourceNarrowing.NO_RESOURCE_LEVEL_PERMISSIONS;

    private static final Set<String> OPERATORS = Set.of("arnequals", "arnlike", "stringequals", "stringlike");

    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        List<Finding> findings = new ArrayList<>();
        if ("AWS::IAM::Role".equals(resource.type())) {
            for (JsonNode policy : resource.prop("Policies")) {
                String name = policy.path("PolicyName").isTextual() ? policy.path("PolicyName").asText() : "Policy";
                check(policy.path("PolicyDocument"), name + "/", findings);
            }
        } else if (attachedToARole(resource, app)) {
            check(resource.prop("PolicyDocument"), "", findings);
        } else {
            return RuleResult.notApplicable();
        }
        return RuleResult.of(findings);
    }

    private static boolean attachedToARole(final TemplateResource policy, final AppTemplates app) {
        if (policy.prop("Roles").size() > 0) {
            return true;
        }
        if (!"AWS::IAM::ManagedPolicy".equals(policy.type())) {
            return false;
        }
        for (TemplateResource role : app.ofType("AWS::IAM::Role")) {
            for (JsonNode arn : role.prop("ManagedPolicyArns")) {
                if (app.target(role.stack(), arn).map(p -> p == policy).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void check(final JsonNode document, final String prefix, final List<Finding> findings) {
        JsonNode statements = document.path("Statement");
        int index = 0;
        for (JsonNode st : statements.isArray() ? statements : List.of(statements)) {
            String where = prefix + (st.path("Sid").isTextual() && !st.path("Sid").asText().isEmpty()
                    ? st.path("Sid").asText() : "Statement" + index);
            index++;
            if (!"Allow".equals(st.path("Effect").asText())) {
                continue;
            }
            List<String> wildcards = wildcardResources(st);
            if (wildcards.isEmpty() || narrowed(st.path("Condition"))) {
                continue;
            }
            List<String> actions = new ArrayList<>();
            if (st.has("NotAction")) {
                actions.add("NotAction");
            }
            JsonNode action = st.path("Action");
            if (action.isTextual()) {
                actions.add(action.asText());
            }
            action.forEach(a -> actions.add(a.asText()));
            for (String a : actions) {
                if (!ResourceNarrowing.hasNoResourceLevelPermissions(a)) {
                    findings.add(Finding.of(where + ":" + a, "statement " + where + " allows " + a + " on "
                            + String.join(", ", wildcards) + " with no condition narrowing it to this VPC (ec2:Vpc), "
                            + "this account and region (aws:ResourceAccount and aws:RequestedRegion) or tagged "
                            + "resources (aws:ResourceTag/<key>)"));
                }
            }
        }
    }

    /** @return the statement's wildcard resources as rendered for messages; NotResource counts as one. */
    static List<String> wildcardResources(final JsonNode statement) {
        List<String> out = new ArrayList<>();
        if (statement.has("NotResource")) {
            out.add("NotResource");
        }
        JsonNode resources = statement.path("Resource");
        for (JsonNode r : resources.isArray() ? resources : List.of(resources)) {
            String flat = flatten(r);
            if (flat != null && isWildcard(flat)) {
                out.add(flat);
            }
        }
        return out;
    }

    /**
     * A resource value as text: literals as they are, {@code Fn::Join} and {@code Fn::Sub} with every reference as
     * {@code {ref}}; {@code null} for a bare reference ({@code Ref}, {@code Fn::GetAtt}, an import), which names
     * one resource.
     */
    static String flatten(final JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        JsonNode join = value.get("Fn::Join");
        if (join != null && join.isArray() && join.size() == 2) {
            StringBuilder text = new StringBuilder();
            Iterator<JsonNode> parts = join.get(1).elements();
            while (parts.hasNext()) {
                JsonNode part = parts.next();
                text.append(part.isTextual() ? part.asText() : "{ref}");
                if (parts.hasNext()) {
                    text.append(join.get(0).asText());
                }
            }
            return text.toString();
        }
        JsonNode sub = value.get("Fn::Sub");
        if (sub != null) {
            JsonNode template = sub.isArray() ? sub.path(0) : sub;
            return template.isTextual() ? template.asText().replaceAll("\\$\\{[^}]*}", "{ref}") : null;
        }
        return null;
    }

    /** @return whether a resource (as flattened) is a wildcard in the sense of this rule. */
    static boolean isWildcard(final String resource) {
        if (resource.equals("*")) {
            return true;
        }
        if (!resource.startsWith("arn:")) {
            return false;
        }
        String[] arn = resource.split(":", 6);
        if (arn.length < 6) {
            return resource.contains("*");
        }
        if (arn[3].contains("*") || arn[4].contains("*")) {
            return true;
        }
        String[] parts = arn[5].split("[/:]");
        String id = "s3".equals(arn[2]) || parts.length == 1 ? parts[0] : parts[1];
        return id.contains("*");
    }

    /** @return whether a statement's Condition narrows its wildcards (see the class comment). */
    static boolean narrowed(final JsonNode condition) {
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> op = operators.next();
            if (OPERATORS.contains(op.getKey().toLowerCase(Locale.ROOT))) {
                op.getValue().fields().forEachRemaining(key -> {
                    if (concrete(key.getValue())) {
                        keys.add(key.getKey());
                    }
                });
            }
        }
        return ResourceNarrowing.narrows(keys);
    }

    /** @return whether every value is a literal without a wildcard or a reference (never {@code *}). */
    private static boolean concrete(final JsonNode values) {
        List<JsonNode> all = new ArrayList<>();
        if (values.isArray()) {
            values.forEach(all::add);
        } else {
            all.add(values);
        }
        if (all.isEmpty()) {
            return false;
        }
        for (JsonNode v : all) {
            String flat = v.isObject() ? flatten(v) : v.asText();
            if (flat != null && (flat.contains("*") || flat.contains("?") || flat.isEmpty())) {
                return false;
            }
        }
        return true;
    }
}

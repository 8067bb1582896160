package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * The size of every customer-managed IAM policy of the app, measured on the synthesized templates against IAM's
 * limit of {@value #LIMIT} characters per managed policy (IAM counts the document without whitespace), which
 * CloudFormation would otherwise report only at deployment. The permission boundary
 * ({@code io.securevpc.iam.NetworkPermissionBoundary}) names every security group and endpoint of its VPC, so it
 * grows with the VPC. Over the limit fails synth ({@code [SVPC-012]}); within {@value #MARGIN} characters of it,
 * the gate warns. The sizes are in the gate's report.
 *
 * <p>The document is measured as it would be deployed, with values synth cannot know at their longest:
 * {@code AWS::Partition} as {@code aws-us-gov}, {@code AWS::AccountId} as 12 digits, {@code AWS::Region} as 14
 * characters, {@code AWS::URLSuffix} as {@code amazonaws.com.cn}; {@code Fn::Join} joined; a reference to a
 * resource, an attribute or another stack's output as {@value #REFERENCE_CHARS} characters (a resource id).
 */
public final class ManagedPolicySizes {
    /** IAM's limit on a customer-managed policy document, in characters without whitespace. */
    public static final int LIMIT = 6_144;
    /** The gate warns when a policy is within this many characters of {@link #LIMIT} (10%). */
    public static final int MARGIN = 614;
    /** The length a reference to a resource, an attribute or an output is counted as. */
    public static final int REFERENCE_CHARS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LONGEST_PSEUDO = Maps.of("AWS::Partition", "aws-us-gov",
            "AWS::AccountId", "123456789012", "AWS::Region", "ap-southeast-4", "AWS::URLSuffix", "amazonaws.com.cn");

    /**
     * One managed policy's measured size.
     *
     * @param permissionBoundary whether a role or user of the app uses it as its permission boundary
     */
    public record Size(String stack, String logicalId, String path, int chars, boolean permissionBoundary) {
        public boolean overLimit() {
            return chars > LIMIT;
        }

        public boolean withinMargin() {
            return !overLimit() && chars > LIMIT - MARGIN;
        }

        /** @return e.g. {@code SecureVpc-ThreeTier/Access/Boundary/Policy/Resource: 6,018 of 6,144 characters}. */
        public String render() {
            return path + (permissionBoundary ? " (permission boundary)" : "") + ": "
                    + String.format("%,d of %,d characters", chars, LIMIT);
        }
    }

    private ManagedPolicySizes() {
    }

    /** @return every {@code AWS::IAM::ManagedPolicy} of the app with its size, in stack and template order. */
    public static @NotNull List<Size> measure(final @NotNull AppTemplates app) {
        Set<String> boundaries = new HashSet<>();
        for (String type : List.of("AWS::IAM::Role", "AWS::IAM::User")) {
            for (TemplateResource r : app.ofType(type)) {
                JsonNode boundary = r.prop("PermissionsBoundary");
                if (boundary.has("Ref")) {
                    boundaries.add(r.stack().name() + "/" + boundary.get("Ref").asText());
                }
            }
        }
        List<Size> sizes = new ArrayList<>();
        for (TemplateResource p : app.ofType("AWS::IAM::ManagedPolicy")) {
            sizes.add(new Size(p.stack().name(), p.logicalId(), p.constructPath() != null ? p.constructPath()
                    : p.stack().name() + "/" + p.logicalId(), size(p.prop("PolicyDocument")),
                    boundaries.contains(p.stack().name() + "/" + p.logicalId())));
        }
        return sizes;
    }

    /** @return the document's length without whitespace, values synth cannot know at their longest. */
    static int size(final JsonNode document) {
        try {
            return JSON.writeValueAsString(deployed(document)).length();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode deployed(final JsonNode value) {
        if (value.isObject() && value.size() == 1) {
            Map.Entry<String, JsonNode> f = value.fields().next();
            switch (f.getKey()) {
                case "Ref":
                    return TextNode.valueOf(LONGEST_PSEUDO.getOrDefault(f.getValue().asText(),
                            "x".repeat(REFERENCE_CHARS)));
                case "Fn::Join": {
                    StringBuilder joined = new StringBuilder();
                    Iterator<JsonNode> parts = f.getValue().path(1).elements();
                    while (parts.hasNext()) {
                        joined.append(deployed(parts.next()).asText());
                        if (parts.hasNext()) {
                            joined.append(f.getValue().path(0).asText());
                        }
                    }
                    return TextNode.valueOf(joined.toString());
                }
                case "Fn::GetAtt", "Fn::GetStackOutput", "Fn::ImportValue", "Fn::Select", "Fn::Sub":
                    return TextNode.valueOf("x".repeat(REFERENCE_CHARS));
                default:
                    break;
            }
        }
        if (value.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            value.fields().forEachRemaining(e -> copy.set(e.getKey(), deployed(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            value.forEach(v -> copy.add(deployed(v)));
            return copy;
        }
        return value;
    }

    /**
     * Throws a {@code BlueprintValidationException} with an {@code [SVPC-012]} problem for each policy over
     * {@link #LIMIT}.
     */
    public static void check(final @NotNull List<Size> sizes) {
        Problems problems = new Problems();
        sizes.stream().filter(Size::overLimit).forEach(s -> problems.add(ErrorCode.IAM_POLICY, s.path(),
                String.format("%,d characters", s.chars()), String.format("at most %,d characters, IAM's limit on a "
                        + "managed policy: bound fewer resources per policy (e.g. one permission boundary per VPC)",
                        LIMIT)));
        problems.throwIfAny("the app's managed IAM policies (IAM's size limit)");
    }
}

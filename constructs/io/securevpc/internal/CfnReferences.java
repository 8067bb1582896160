package io.securevpc.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a resolved CloudFormation value as one flat string, the way cdk-nag names its granular findings
 * ({@code Fn::Join} joined, {@code Ref X} as {@code <X>}, {@code Fn::GetAtt [A, B]} as {@code <A.B>}), so an
 * acknowledgement can name the exact finding (e.g. {@code AwsSolutions-IAM5[Resource::arn:...:instance/*]}).
 * Not API.
 */
public final class CfnReferences {
    private CfnReferences() {
    }

    public static String flatten(final Object resolved) {
        if (resolved == null) {
            return "";
        }
        if (resolved instanceof String s) {
            return s.replace("${", "<").replace("}", ">");
        }
        if (resolved instanceof Map<?, ?> m) {
            if (m.get("Fn::Join") instanceof List<?> join) {
                String delimiter = String.valueOf(join.get(0));
                return ((List<?>) join.get(1)).stream().map(CfnReferences::flatten)
                        .collect(Collectors.joining(delimiter));
            }
            if (m.containsKey("Fn::Sub")) {
                return flatten(m.get("Fn::Sub"));
            }
            if (m.get("Fn::GetAtt") instanceof List<?> att) {
                return "<" + flatten(att.get(0)) + "." + flatten(att.get(1)) + ">";
            }
            if (m.containsKey("Fn::ImportValue")) {
                return flatten(m.get("Fn::ImportValue"));
            }
            if (m.containsKey("Ref")) {
                return "<" + flatten(m.get("Ref")) + ">";
            }
        }
        return String.valueOf(resolved);
    }
}

package io.securevpc.detection;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;

/** The automation role's statements of {@link MaliciousIpBlocking} (BP-NET-5, BP-MON-5). */
final class MaliciousIpBlockingPermissions {
    private MaliciousIpBlockingPermissions() {
    }

    /** Exact resources only: the tiers' NACLs, the state and lock parameters, the topic and its key. */
    static List<PolicyStatement> of(final MaliciousIpBlockingProps props, final List<String> aclArns,
                                    final List<String> stateArns, final List<String> lockArns) {
        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAclEntry"))
                .resources(aclArns)
                .build());
        List<String> parameterArns = new ArrayList<>(stateArns);
        parameterArns.addAll(lockArns);
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("ssm:GetParameter", "ssm:PutParameter"))
                .resources(parameterArns)
                .build());
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("ssm:DeleteParameter"))
                .resources(lockArns)
                .build());
        statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("sns:Publish"))
                .resources(List.of(props.getAlerts().getTopic().getTopicArn()))
                .build());
        IKey topicKey = props.getAlerts().getTopic().getMasterKey();
        if (topicKey != null) {
            statements.add(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                    .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                    .resources(List.of(topicKey.getKeyArn()))
                    .build());
        }
        return statements;
    }
}

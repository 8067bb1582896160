package io.securevpc.internal;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** The CloudWatch Logs resource-policy statement that lets Route 53 Resolver query logs reach one log group. */
public final class QueryLogDelivery {
    private QueryLogDelivery() {
    }

    /**
     * Lets the log-delivery service ({@code delivery.logs.amazonaws.com}) of the stack's account and region create
     * streams in and write to the group {@code groupArn} only.
     */
    public static PolicyStatement toLogGroup(final Stack stack, final String groupArn) {
        return toLogGroup(stack, groupArn, "AllowResolverQueryLogDelivery");
    }

    /** The same statement under another {@code sid}, for other vended logs (e.g. Site-to-Site VPN tunnel logs). */
    public static PolicyStatement toLogGroup(final Stack stack, final String groupArn, final String sid) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("delivery.logs.amazonaws.com")))
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(groupArn))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":logs:"
                                + stack.getRegion() + ":" + stack.getAccount() + ":*")))
                .build();
    }
}

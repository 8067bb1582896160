package io.securevpc.internal;

import java.util.List;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.ITopicSubscription;
import software.amazon.awscdk.services.sns.TopicSubscriptionConfig;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Subscriptions of the alert topics: a delivery that fails after SNS's retries goes to a dead-letter queue instead of
 * being dropped (Serverless-SNSRedrivePolicy). Not API.
 */
public final class Subscriptions {
    private Subscriptions() {
    }

    /**
     * The subscription, with {@code deadLetterQueue} as its redrive target unless it names one itself. CDK's
     * {@code Subscription} then lets SNS send to the queue for this topic only ({@code aws:SourceArn}).
     */
    public static ITopicSubscription withDeadLetterQueue(final ITopicSubscription subscription,
                                                         final IQueue deadLetterQueue) {
        return new ITopicSubscription() {
            @Override
            public @NotNull TopicSubscriptionConfig bind(final @NotNull ITopic topic) {
                TopicSubscriptionConfig c = subscription.bind(topic);
                if (c.getDeadLetterQueue() != null) {
                    return c;
                }
                return TopicSubscriptionConfig.builder()
                        .endpoint(c.getEndpoint())
                        .protocol(c.getProtocol())
                        .subscriberId(c.getSubscriberId())
                        .subscriberScope(c.getSubscriberScope())
                        .subscriptionDependency(c.getSubscriptionDependency())
                        .deliveryPolicy(c.getDeliveryPolicy())
                        .filterPolicy(c.getFilterPolicy())
                        .filterPolicyWithMessageBody(c.getFilterPolicyWithMessageBody())
                        .rawMessageDelivery(c.getRawMessageDelivery())
                        .region(c.getRegion())
                        .subscriptionRoleArn(c.getSubscriptionRoleArn())
                        .deadLetterQueue(deadLetterQueue)
                        .build();
            }
        };
    }

    /**
     * Lets SNS use the key of a dead-letter queue it redrives to, for topics of the stack's account and region only
     * ({@code aws:SourceAccount}, {@code aws:SourceArn}). Not the topic's own ARN: the topic is encrypted with the
     * same key, and naming it in the key policy would make the two depend on each other.
     */
    public static PolicyStatement allowSnsRedrive(final Stack stack) {
        String account = stack.getAccount();
        String topicArns = "arn:" + stack.getPartition() + ":sns:" + stack.getRegion() + ":" + account + ":*";
        return PolicyStatement.Builder.create()
                .sid("AllowSnsRedriveOfThisAccountsTopic")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", account),
                        "ArnLike", Maps.of("aws:SourceArn", topicArns)))
                .build();
    }

    /** Adds {@link #allowSnsRedrive} to the key, when there is one. */
    public static void grantRedrive(final IKey key, final Stack stack) {
        if (key != null) {
            key.addToResourcePolicy(allowSnsRedrive(stack));
        }
    }
}

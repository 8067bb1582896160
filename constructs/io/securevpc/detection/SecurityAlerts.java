package io.securevpc.detection;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.FirstOccurrenceAlarm;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Subscriptions;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.ITopicSubscription;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicAttributes;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueAttributes;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where detections and remediations report (BP-MON-4/5): an SNS topic encrypted with a customer-managed key
 * whose policy lets only EventBridge and CloudWatch alarms of this account use it, a topic policy that lets only
 * EventBridge rules and CloudWatch alarms of this account and region publish ({@code aws:SourceAccount} and
 * {@code aws:SourceArn}; the key policy pins CloudWatch the same way, EventBridge by account), HTTPS-only
 * publishing, the subscriptions given, and an encrypted dead-letter queue for events no target accepted after
 * bounded retries, with an alarm on the topic as soon as one event waits in it. Takes an existing topic instead
 * (e.g. the audit baseline's) when given one.
 */
public class SecurityAlerts extends Construct {
    private final ITopic topic;
    private final IQueue deadLetterQueue;
    private final @Nullable SecurityAlerts source;
    private final @Nullable Alarm deadLetterQueueAlarm;
    private boolean openedToAccountRules;

    public SecurityAlerts(final @NotNull Construct scope, final @NotNull String id, final @Nullable ITopic existing) {
        this(scope, id, existing, null);
    }

    /**
     * @param existing a topic to report to instead of creating one; it must let EventBridge and CloudWatch of this
     *     account publish
     * @param subscriptions who receives the alerts, e.g. {@code new EmailSubscription(...)}; a delivery SNS gives up
     *     on goes to the dead-letter queue (unless the subscription names its own); without any subscription, a
     *     topic created here shows a synth warning (alerts nobody receives change nothing)
     */
    public SecurityAlerts(final @NotNull Construct scope, final @NotNull String id, final @Nullable ITopic existing,
                          final @Nullable List<ITopicSubscription> subscriptions) {
        super(scope, id);
        this.source = null;
        Key key = createKey();
        this.topic = existing != null ? existing : createTopic(key);
        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                // undelivered alerts are audit data: kept when the stack is deleted or the queue replaced
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Acknowledgements.acknowledge((CfnResource) deadLetterQueue.getNode().getDefaultChild(),
                "This queue is the dead-letter queue of the EventBridge targets (events that could not be "
                        + "delivered after retries); a dead-letter queue needs no dead-letter queue of its own, and "
                        + "the rules only recognise SQS-to-SQS redrive.",
                "AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy");
        this.deadLetterQueueAlarm = createDeadLetterQueueAlarm();
        List<ITopicSubscription> subscribers = subscriptions != null ? List.copyOf(subscriptions) : List.of();
        if (!subscribers.isEmpty()) {
            // A delivery SNS gives up on lands in the dead-letter queue, whose alarm then fires.
            Subscriptions.grantRedrive(key, Stack.of(this));
            subscribers.forEach(s -> topic.addSubscription(Subscriptions.withDeadLetterQueue(s, deadLetterQueue)));
        } else if (existing == null) {
            Annotations.of(this).addWarningV2("@securevpc/detection:alertsUnsubscribed",
                    "SecurityAlerts has no subscription: detections, remediations and their failures reach nobody "
                            + "until one is added to the topic (BP-MON-4/5).");
        }
    }

    private Topic createTopic(final Key key) {
        Stack stack = Stack.of(this);
        Topic created = Topic.Builder.create(this, "Topic")
                .displayName("Security alerts")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("EventBridgeOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                .conditions(fromThisAccount(stack, "events"))
                .build());
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                .conditions(fromThisAccount(stack, "cloudwatch"))
                .build());
        return created;
    }

    /** {@code aws:SourceAccount} and {@code aws:SourceArn}: EventBridge rules or CloudWatch alarms of this account. */
    private static Map<String, Object> fromThisAccount(final Stack stack, final String service) {
        String sources = "arn:" + stack.getPartition() + ":" + service + ":" + stack.getRegion() + ":"
                + stack.getAccount() + ("events".equals(service) ? ":rule/*" : ":alarm:*");
        return Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Maps.of("aws:SourceArn", sources));
    }

    /**
     * An event in the dead-letter queue is an alert or a remediation that did not happen (BP-MON-5): alarm at the
     * first one. The alarm notifies the topic, so it is not heard when the topic itself refuses deliveries.
     */
    private Alarm createDeadLetterQueueAlarm() {
        return FirstOccurrenceAlarm.create(this, "DeadLetterQueueAlarm",
                "Events EventBridge could not deliver to an alert or a remediation wait in the "
                        + "dead-letter queue of " + getNode().getPath() + " (BP-MON-5)",
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum").period(Duration.minutes(5)).build()), topic);
    }

    /** @return the alarm on the dead-letter queue's depth, or {@code null} on a reference from another stack. */
    public @Nullable Alarm getDeadLetterQueueAlarm() {
        return deadLetterQueueAlarm;
    }

    /** A reference to {@code source}'s topic and queue from another stack ({@link #referenceFrom}). */
    private SecurityAlerts(final Construct scope, final String id, final SecurityAlerts source) {
        super(scope, id);
        this.source = source;
        this.deadLetterQueueAlarm = null;
        IKey topicKey = source.topic.getMasterKey();
        this.topic = Topic.fromTopicAttributes(this, "Topic", TopicAttributes.builder()
                .topicArn(source.topic.getTopicArn())
                .keyArn(topicKey == null ? null : topicKey.getKeyArn())
                .build());
        IKey queueKey = source.deadLetterQueue.getEncryptionMasterKey();
        this.deadLetterQueue = Queue.fromQueueAttributes(this, "DeadLetterQueue", QueueAttributes.builder()
                .queueArn(source.deadLetterQueue.getQueueArn())
                .queueUrl(source.deadLetterQueue.getQueueUrl())
                .keyArn(queueKey == null ? null : queueKey.getKeyArn())
                .build());
    }

    /**
     * The same topic and dead-letter queue, for rules and remediations in another stack of the same account and
     * region, so that per-VPC remediation can live in each VPC's own stack (which then depends on this one,
     * never the reverse) and a stack of alerts does not grow with the number of VPCs.
     *
     * <p>A rule in another stack cannot add itself to this stack's resource policies without making this stack
     * depend on it, so the first reference opens them once: EventBridge may send to the queue for any rule of this
     * account and region ({@code aws:SourceArn} like {@code arn:...:events:<region>:<account>:rule/*}); the topic
     * policy and the key already allow EventBridge rules of this account and region to publish.
     */
    public @NotNull SecurityAlerts referenceFrom(final @NotNull Construct scope, final @NotNull String id) {
        SecurityAlerts origin = source != null ? source : this;
        origin.openToAccountRules();
        return new SecurityAlerts(scope, id, origin);
    }

    private void openToAccountRules() {
        if (openedToAccountRules) {
            return;
        }
        openedToAccountRules = true;
        Stack stack = Stack.of(this);
        String rules = "arn:" + stack.getPartition() + ":events:" + stack.getRegion() + ":" + stack.getAccount()
                + ":rule/*";
        deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("EventBridgeRulesOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                        "ArnLike", Maps.of("aws:SourceArn", rules)))
                .build());
    }

    public @NotNull ITopic getTopic() {
        return topic;
    }

    /** @return where EventBridge puts events it could not deliver to a target after retries. */
    public @NotNull IQueue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * An EventBridge target publishing a readable message built by an input transformer.
     *
     * @param message the message, with {@code EventField} placeholders
     */
    public @NotNull IRuleTarget target(final @NotNull RuleTargetInput message) {
        return new IRuleTarget() {
            @Override
            public @NotNull RuleTargetConfig bind(final @NotNull IRuleRef rule) {
                return bind(rule, null);
            }

            /**
             * Not CDK's {@code SnsTopic} target: that one adds a topic-policy statement letting EventBridge publish
             * with no condition. The topic's own statement already allows this account's rules; the dead-letter
             * queue gets a statement for this rule (a no-op on a queue of another stack, opened by
             * {@link #referenceFrom}). Nothing depends on {@code targetId} (see {@link AutomationRunbook#target}).
             */
            @Override
            public @NotNull RuleTargetConfig bind(final @NotNull IRuleRef rule, final String targetId) {
                deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                        .actions(List.of("sqs:SendMessage"))
                        .resources(List.of(deadLetterQueue.getQueueArn()))
                        .conditions(Maps.of("ArnEquals", Maps.of("aws:SourceArn", rule.getRuleRef().getRuleArn())))
                        .build());
                return RuleTargetConfig.builder()
                        .arn(topic.getTopicArn())
                        .input(message)
                        .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder()
                                .arn(deadLetterQueue.getQueueArn()).build())
                        .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(AutomationRunbook.MAX_RETRIES)
                                .maximumEventAgeInSeconds(AutomationRunbook.MAX_EVENT_AGE.toSeconds())
                                .build())
                        .build();
            }
        };
    }

    private Key createKey() {
        Stack stack = Stack.of(this);
        Key created = Key.Builder.create(this, "Key")
                .description("Encrypts the security alerts topic " + getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (String service : List.of("events", "cloudwatch")) {
            created.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("Allow" + service + "OfThisAccount")
                    .effect(Effect.ALLOW)
                    .principals(List.of(new ServicePrincipal(service + ".amazonaws.com")))
                    .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                    .resources(List.of("*"))
                    // EventBridge: aws:SourceAccount only, as before. Whether EventBridge's call to KMS for an
                    // encrypted topic or queue carries aws:SourceArn is not documented; the topic policy pins the rules.
                    .conditions("events".equals(service)
                            ? Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()))
                            : fromThisAccount(stack, service))
                    .build());
        }
        return created;
    }
}

package io.securevpc.audit;

import io.securevpc.ErrorCode;
import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.FirstOccurrenceAlarm;
import io.securevpc.internal.Maps;
import io.securevpc.internal.Problems;
import io.securevpc.internal.RequiredProps;
import io.securevpc.internal.Subscriptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.annotations.NotNull;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.ITopicSubscription;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * CIS-style monitoring of the trail's log group (BP-MON-3, BP-AUD-1): one metric filter and one alarm per
 * {@link SecurityEvent}, each alarm notifying an SNS topic as soon as one matching record arrives. The
 * default topic is encrypted with a customer-managed key whose policy lets only CloudWatch of this account
 * use it, accepts SSL only, and only CloudWatch alarms of this account may publish to it (BP-IAM-1/3).
 */
public final class SecurityAlarms extends Construct {
    /** The CloudWatch namespace of the metrics. */
    public static final String NAMESPACE = "SecureVpc/Audit";

    private final ITopic topic;
    /** The key of the topic created here, or {@code null} with a topic given. */
    private Key topicKey;
    private final Map<SecurityEvent, Alarm> alarms = new EnumMap<>(SecurityEvent.class);

    public SecurityAlarms(final @NotNull Construct scope, final @NotNull String id,
                          final @NotNull SecurityAlarmsProps props) {
        super(scope, id);
        RequiredProps.of("SecurityAlarms").require("props", props).check();
        List<SecurityEvent> events = validate(props);
        this.topic = props.getTopic() != null ? props.getTopic() : createTopic();
        for (SecurityEvent event : events) {
            alarms.put(event, createAlarm(props, event));
        }
        List<ITopicSubscription> subscriptions = props.getSubscriptions() != null ? props.getSubscriptions() : List.of();
        if (!subscriptions.isEmpty()) {
            IQueue undelivered = createSubscriptionDeadLetterQueue();
            subscriptions.forEach(s -> topic.addSubscription(Subscriptions.withDeadLetterQueue(s, undelivered)));
        }
        if (subscriptions.isEmpty() && props.getTopic() == null) {
            Annotations.of(this).addWarningV2("@securevpc/audit:alarmsUnsubscribed",
                    "subscriptions is unset: the alarm topic has no subscriber, so the alarms reach nobody until one "
                            + "is added (BP-MON-3).");
        }
        warnAboutOmittedEvents(events);
    }

    /** @return the topic the alarms notify: subscribe the security team to it. */
    public ITopic getTopic() {
        return topic;
    }

    /** @return the alarm of each watched event, in {@link SecurityEvent} order. */
    public Map<SecurityEvent, Alarm> getAlarms() {
        return Collections.unmodifiableMap(new EnumMap<>(alarms));
    }

    private List<SecurityEvent> validate(final SecurityAlarmsProps p) {
        Problems problems = new Problems();
        if (p.getTrailLogGroup() == null) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "trailLogGroup", null,
                    "the CloudWatch Logs group of a CloudTrail trail, e.g. AuditTrail.getLogGroup()");
        }
        List<SecurityEvent> events = p.getEvents() != null ? p.getEvents() : List.of(SecurityEvent.values());
        if (events.isEmpty()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "events", "[]",
                    "at least one SecurityEvent; leave unset to watch all of them");
        }
        if (new HashSet<>(events).size() != events.size()) {
            problems.add(ErrorCode.CONFLICTING_PROPS, "events", events, "each SecurityEvent at most once");
        }
        problems.throwIfAny(() -> "SecurityAlarms " + getNode().getPath());
        return events.stream().sorted().toList();
    }

    /**
     * Where SNS puts a notification it could not deliver to a subscriber after its retries: encrypted with the topic's
     * key (SQS-managed encryption with a topic given), SSL-only, kept 14 days, and retained when the stack is deleted
     * or the queue replaced (undelivered alarms are audit data).
     */
    private IQueue createSubscriptionDeadLetterQueue() {
        Queue.Builder queue = Queue.Builder.create(this, "SubscriptionDeadLetterQueue")
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .removalPolicy(RemovalPolicy.RETAIN);
        if (topicKey != null) {
            queue.encryption(QueueEncryption.KMS).encryptionMasterKey(topicKey);
            Subscriptions.grantRedrive(topicKey, Stack.of(this));
        } else {
            queue.encryption(QueueEncryption.SQS_MANAGED);
        }
        Queue created = queue.build();
        Acknowledgements.acknowledge((CfnResource) created.getNode().getDefaultChild(),
                "This queue is the dead-letter queue of the alarm topic's subscriptions (notifications SNS could not "
                        + "deliver after its retries); a dead-letter queue needs no dead-letter queue of its own.",
                "AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy");
        return created;
    }

    private Topic createTopic() {
        Stack stack = Stack.of(this);
        Map<String, Object> fromAlarmsOfThisAccount = Maps.of(
                "StringEquals", Maps.of("aws:SourceAccount", stack.getAccount()),
                "ArnLike", Maps.of("aws:SourceArn", "arn:" + stack.getPartition() + ":cloudwatch:"
                        + stack.getRegion() + ":" + stack.getAccount() + ":alarm:*"));
        Key key = Key.Builder.create(this, "TopicKey")
                .description("Encrypts the security alarm notifications of " + getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.topicKey = key;
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(fromAlarmsOfThisAccount)
                .build());
        Topic created = Topic.Builder.create(this, "Topic")
                .displayName("Security alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                .conditions(fromAlarmsOfThisAccount)
                .build());
        return created;
    }

    private Alarm createAlarm(final SecurityAlarmsProps p, final SecurityEvent event) {
        MetricFilter filter = MetricFilter.Builder.create(this, event.metricName() + "Filter")
                .logGroup(p.getTrailLogGroup())
                .filterPattern(FilterPattern.literal(event.pattern()))
                .metricNamespace(NAMESPACE)
                .metricName(event.metricName())
                .metricValue("1")
                .defaultValue(0)
                .build();
        return FirstOccurrenceAlarm.create(this, event.metricName() + "Alarm",
                event.description() + " recorded by CloudTrail (BP-MON-3)",
                filter.metric().with(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                        .statistic("Sum").period(Duration.minutes(5)).build()), topic);
    }

    private void warnAboutOmittedEvents(final List<SecurityEvent> events) {
        Set<SecurityEvent> omitted = EnumSet.allOf(SecurityEvent.class);
        omitted.removeAll(events);
        if (!omitted.isEmpty()) {
            Annotations.of(this).addWarningV2("@securevpc/audit:securityEventsOmitted",
                    "events leaves out " + new ArrayList<>(omitted) + ": those changes raise no alarm (BP-MON-3).");
        }
    }
}

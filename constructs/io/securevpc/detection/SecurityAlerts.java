package io.securevpc.detection;

import io.securevpc.compliance.Acknowledgements;
import io.securevpc.internal.Maps;
import java.util.List;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.events.targets.SnsTopicProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicAttributes;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueAttributes;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where detections and remediations report (BP-MON-4/5): an SNS topic encrypted with a customer-managed key
 * whose policy lets only EventBridge and CloudWatch alarms of this account use it, HTTPS-only publishing,
 * and an encrypted dead-letter queue for events no target accepted after bounded retries. Takes an existing
 * topic instead (e.g. the audit baseline's) when given one.
 */
public class SecurityAlerts extends Construct {
    private final ITopic topic;
    private final IQueue deadLetterQueue;
    private final @Nullable SecurityAlerts source;
    private boolean openedToAccountRules;

    public SecurityAlerts(final @NotNull Construct scope, final @NotNull String id, final @Nullable ITopic existing) {
        super(scope, id);
        this.source = null;
        Key key = createKey();
        this.topic = existing != null ? existing : Topic.Builder.create(this, "Topic")
                .displayName("Security alerts")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Acknowledgements.acknowledge((CfnResource) deadLetterQueue.getNode().getDefaultChild(),
                "This queue is the dead-letter queue of the EventBridge targets (events that could not be "
                        + "delivered after retries); a dead-letter queue needs no dead-letter queue of its own, and "
                        + "the rules only recognise SQS-to-SQS redrive.",
                "AwsSolutions-SQS3", "Serverless-SQSRedrivePolicy");
    }

    /** A reference to {@code source}'s topic and queue from another stack ({@link #referenceFrom}). */
    private SecurityAlerts(final Construct scope, final String id, final SecurityAlerts source) {
        super(scope, id);
        this.source = source;
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
     * account and region ({@code aws:SourceArn} like {@code arn:...:events:<region>:<account>:rule/*}), and
     * publish to the topic ({@code aws:SourceAccount} this account; when a rule of this stack targets the topic,
     * CDK's own statement for it already lets EventBridge publish without a condition); the key already allows
     * EventBridge of this account.
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
                .conditions(Maps.of("ArnLike", Maps.of("aws:SourceArn", rules)))
                .build());
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("EventBridgeOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount())))
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
        return new SnsTopic(topic, SnsTopicProps.builder().message(message)
                .deadLetterQueue(deadLetterQueue)
                .retryAttempts(AutomationRunbook.MAX_RETRIES)
                .maxEventAge(AutomationRunbook.MAX_EVENT_AGE)
                .build());
    }

    private Key createKey() {
        Stack stack = Stack.of(this);
        Key created = Key.Builder.create(this, "Key")
                .description("Encrypts the security alerts topic " + getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (String service : List.of("events.amazonaws.com", "cloudwatch.amazonaws.com")) {
            created.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("Allow" + service.substring(0, service.indexOf('.')) + "OfThisAccount")
                    .effect(Effect.ALLOW)
                    .principals(List.of(new ServicePrincipal(service)))
                    .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                    .resources(List.of("*"))
                    .conditions(Maps.of("StringEquals", Maps.of("aws:SourceAccount", stack.getAccount())))
                    .build());
        }
        return created;
    }
}

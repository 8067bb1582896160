package io.securevpc.audit;

import io.securevpc.internal.RequiredProps;
import java.util.List;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.ITopicSubscription;

/** Props of {@link SecurityAlarms}. Immutable; build with {@link #builder(ILogGroup)}. */
public final class SecurityAlarmsProps {
    private final ILogGroup trailLogGroup;
    private final ITopic topic;
    private final List<SecurityEvent> events;
    private final List<ITopicSubscription> subscriptions;

    private SecurityAlarmsProps(final Builder b) {
        RequiredProps.of("SecurityAlarmsProps")
                .elements("events", b.events)
                .elements("subscriptions", b.subscriptions)
                .check();
        this.subscriptions = b.subscriptions == null ? null : List.copyOf(b.subscriptions);
        this.trailLogGroup = b.trailLogGroup;
        this.topic = b.topic;
        this.events = b.events == null ? null : List.copyOf(b.events);
    }

    /** @param trailLogGroup the CloudWatch Logs group a CloudTrail trail delivers to (e.g. {@link AuditTrail#getLogGroup()}) */
    public static Builder builder(final ILogGroup trailLogGroup) {
        return new Builder(trailLogGroup);
    }

    /** The CloudWatch Logs group a CloudTrail trail delivers to. */
    public ILogGroup getTrailLogGroup() {
        return trailLogGroup;
    }

    /**
     * The topic the alarms notify. A topic given here must be encrypted and let CloudWatch publish.
     *
     * @default - a new topic under a customer-managed key (rotation on), SSL-only, publishable only by
     * CloudWatch alarms of this account
     */
    public @Nullable ITopic getTopic() {
        return topic;
    }

    /**
     * The events to watch for. Leaving one out is a weakening and shows a synth warning.
     *
     * @default - every {@link SecurityEvent}
     */
    public @Nullable List<SecurityEvent> getEvents() {
        return events;
    }

    /**
     * Who the alarms reach: subscriptions added to the topic, e.g. {@code new EmailSubscription("soc@example.com")}
     * or {@code new UrlSubscription("https://...")} (BP-MON-3). An alarm nobody receives changes nothing. A
     * notification SNS gives up on goes to a dead-letter queue the construct creates (unless the subscription names
     * its own).
     *
     * @default - no subscription: a synth warning when the topic is created here (subscribe to
     *     {@link SecurityAlarms#getTopic()} out of band)
     */
    public @Nullable List<ITopicSubscription> getSubscriptions() {
        return subscriptions;
    }

    /** Builder of {@link SecurityAlarmsProps}. */
    public static final class Builder {
        private final ILogGroup trailLogGroup;
        private ITopic topic;
        private List<SecurityEvent> events;
        private List<ITopicSubscription> subscriptions;

        private Builder(final ILogGroup trailLogGroup) {
            this.trailLogGroup = trailLogGroup;
        }

        /** @see SecurityAlarmsProps#getTopic() */
        public Builder topic(final @Nullable ITopic value) {
            this.topic = value;
            return this;
        }

        /** @see SecurityAlarmsProps#getEvents() */
        public Builder events(final @Nullable List<SecurityEvent> value) {
            this.events = value;
            return this;
        }

        /** @see SecurityAlarmsProps#getSubscriptions() */
        public Builder subscriptions(final @Nullable List<ITopicSubscription> value) {
            this.subscriptions = value;
            return this;
        }

        public SecurityAlarmsProps build() {
            return new SecurityAlarmsProps(this);
        }
    }
}

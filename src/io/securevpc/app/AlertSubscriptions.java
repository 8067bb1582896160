package io.securevpc.app;

import io.securevpc.internal.AwsIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.sns.ITopicSubscription;
import software.amazon.awscdk.services.sns.SubscriptionProtocol;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sns.subscriptions.UrlSubscription;
import software.amazon.awscdk.services.sns.subscriptions.UrlSubscriptionProps;

/**
 * Who receives an environment's security alarms and alerts (BP-MON-3/4/5): e-mail addresses and HTTPS endpoints
 * subscribed to the alarm topic of the audit stack and the alerts topic of the detection stack of its account and
 * region, or an existing topic both report to instead of creating their own. Environments of one account and region
 * share those stacks, so their subscriptions are merged ({@link #merge}).
 *
 * @param emails e-mail addresses subscribed to both topics (each confirms the subscription once); empty when unset
 * @param httpsEndpoints HTTPS URLs subscribed to both topics (each confirms the subscription once); empty when unset
 * @param topicArn an existing SNS topic of the same account and region that both stacks publish to instead of
 *     creating a topic; it must let CloudWatch alarms and EventBridge rules of the account publish (and use its key)
 */
public record AlertSubscriptions(List<String> emails, List<String> httpsEndpoints, String topicArn) {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern HTTPS = Pattern.compile("^https://[^\\s/]+\\S*$");

    public AlertSubscriptions {
        emails = ConfigReader.listOrEmpty(emails);
        httpsEndpoints = ConfigReader.listOrEmpty(httpsEndpoints);
    }

    /** @return whether nobody would receive the alerts. */
    public boolean isEmpty() {
        return emails.isEmpty() && httpsEndpoints.isEmpty() && topicArn == null;
    }

    /** @return the subscriptions to add to a topic, e-mails first, each address once. */
    public List<ITopicSubscription> subscriptions() {
        List<ITopicSubscription> result = new ArrayList<>();
        new LinkedHashSet<>(emails).forEach(email -> result.add(new EmailSubscription(email)));
        new LinkedHashSet<>(httpsEndpoints).forEach(url -> result.add(new UrlSubscription(url,
                UrlSubscriptionProps.builder().protocol(SubscriptionProtocol.HTTPS).build())));
        return result;
    }

    /**
     * The subscriptions of several environments of one account and region, in configuration order, each value
     * once. {@link BlueprintConfig} has checked that they name at most one topic.
     */
    static AlertSubscriptions merge(final List<AlertSubscriptions> all) {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> urls = new LinkedHashSet<>();
        String topic = null;
        for (AlertSubscriptions s : all) {
            if (s != null) {
                emails.addAll(s.emails());
                urls.addAll(s.httpsEndpoints());
                topic = topic != null ? topic : s.topicArn();
            }
        }
        return new AlertSubscriptions(List.copyOf(emails), List.copyOf(urls), topic);
    }

    /** Checks the values (the reader has checked their JSON types). */
    void validate(final String key, final ConfigReader reader) {
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            if (email == null || !EMAIL.matcher(email).matches()) {
                reader.add(key + ".emails[" + i + "]", email, "an e-mail address, e.g. soc@example.com");
            }
        }
        for (int i = 0; i < httpsEndpoints.size(); i++) {
            String url = httpsEndpoints.get(i);
            if (url == null || !HTTPS.matcher(url).matches()) {
                reader.add(key + ".httpsEndpoints[" + i + "]", url,
                        "an https:// URL, e.g. https://alerts.example.com/aws (SNS delivers to it over TLS)");
            }
        }
        if (topicArn != null && !AwsIds.Format.SNS_TOPIC_ARN.matches(topicArn)) {
            reader.add(key + ".topicArn", topicArn, AwsIds.Format.SNS_TOPIC_ARN.allowed());
        }
    }

    /** @return whether two environments' topics conflict (both set, different). */
    static boolean conflict(final AlertSubscriptions a, final AlertSubscriptions b) {
        return a != null && b != null && a.topicArn() != null && b.topicArn() != null
                && !Objects.equals(a.topicArn(), b.topicArn());
    }
}

package io.securevpc.internal;

import java.util.List;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * An alarm at the first occurrence of what a metric counts (one period at 1 or more; no data is not a breach),
 * notifying a topic: how the blueprint's security alarms and dead-letter-queue alarms fire (BP-MON-3, BP-MON-5).
 */
public final class FirstOccurrenceAlarm {
    private FirstOccurrenceAlarm() {
    }

    public static Alarm create(final Construct scope, final String id, final String description, final IMetric metric,
                               final ITopic topic) {
        return atLeast(scope, id, description, metric, 1, List.of(topic));
    }

    /**
     * The same alarm at a threshold: one period at {@code threshold} or more (no data is not a breach), notifying every
     * topic; e.g. a spike of rejected flows (BP-MON-3).
     */
    public static Alarm atLeast(final Construct scope, final String id, final String description, final IMetric metric,
                                final double threshold, final List<ITopic> topics) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        topics.forEach(topic -> alarm.addAlarmAction(new SnsAction(topic)));
        return alarm;
    }
}

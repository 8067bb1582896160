package io.securevpc.internal;

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
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }
}

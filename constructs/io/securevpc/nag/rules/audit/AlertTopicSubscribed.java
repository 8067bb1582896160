package io.securevpc.nag.rules.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.nag.model.AppTemplates;
import io.securevpc.nag.model.TemplateResource;
import io.securevpc.nag.rules.BlueprintRule;
import io.securevpc.nag.rules.RuleResult;
import java.util.Set;
import org.jetbrains.annotations.NotNull;

/**
 * BP-MON-3, BP-MON-5: a topic that alarms or EventBridge rules of the app notify has a subscriber, so an alert
 * reaches someone. Applies to an {@code AWS::SNS::Topic} named in an alarm's {@code AlarmActions} or an EventBridge
 * rule's target {@code Arn} (also through another stack's export or output); compliant when the topic has a
 * {@code Subscription} or an {@code AWS::SNS::Subscription} of the app points at it. Subscriptions made outside the
 * app (the console, another tool) cannot be seen: acknowledge the finding on the topic with where they are.
 */
public final class AlertTopicSubscribed implements BlueprintRule {
    @Override
    public @NotNull Set<String> resourceTypes() {
        return Set.of("AWS::SNS::Topic");
    }

    @Override
    public @NotNull RuleResult check(final @NotNull TemplateResource resource, final @NotNull AppTemplates app) {
        if (!isAlertTarget(resource, app)) {
            return RuleResult.notApplicable();
        }
        if (resource.prop("Subscription").size() > 0) {
            return RuleResult.compliant();
        }
        for (TemplateResource subscription : app.ofType("AWS::SNS::Subscription")) {
            if (app.target(subscription.stack(), subscription.prop("TopicArn")).map(t -> t == resource).orElse(false)) {
                return RuleResult.compliant();
            }
        }
        return RuleResult.nonCompliant("nobody is subscribed to the topic: its alerts reach no one");
    }

    private static boolean isAlertTarget(final TemplateResource topic, final AppTemplates app) {
        for (TemplateResource alarm : app.ofType("AWS::CloudWatch::Alarm")) {
            for (JsonNode action : alarm.prop("AlarmActions")) {
                if (app.target(alarm.stack(), action).map(t -> t == topic).orElse(false)) {
                    return true;
                }
            }
        }
        for (TemplateResource rule : app.ofType("AWS::Events::Rule")) {
            for (JsonNode target : rule.prop("Targets")) {
                if (app.target(rule.stack(), target.path("Arn")).map(t -> t == topic).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }
}

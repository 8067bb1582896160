package io.securevpc.detection;

import io.securevpc.internal.Maps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.events.EventPattern;

/**
 * The event pattern of GuardDuty findings on an EC2 instance, shared by the remediations that act on one
 * (BP-MON-4): findings on an {@code Instance} resource, not archived, at or above a severity, narrowed by what
 * each remediation needs of the instance and of the finding's {@code service} block.
 */
final class InstanceFindings {
    private InstanceFindings() {
    }

    /**
     * @param instanceDetails the pattern under {@code detail.resource.instanceDetails} (e.g. its VPC or subnets)
     * @param service         further pattern under {@code detail.service} besides {@code archived: false}
     */
    static EventPattern pattern(final double threshold, final Map<String, Object> instanceDetails,
                                final Map<String, Object> service) {
        Map<String, Object> serviceDetail = new LinkedHashMap<>();
        serviceDetail.put("archived", List.of(false));
        serviceDetail.putAll(service);
        return EventPattern.builder()
                .source(List.of("aws.guardduty"))
                .detailType(List.of("GuardDuty Finding"))
                .detail(Maps.of(
                        "severity", List.of(Maps.of("numeric", List.of(">=", threshold))),
                        "resource", Maps.of("resourceType", List.of("Instance"), "instanceDetails", instanceDetails),
                        "service", serviceDetail))
                .build();
    }
}

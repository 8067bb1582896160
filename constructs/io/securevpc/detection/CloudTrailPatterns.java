package io.securevpc.detection;

import io.securevpc.internal.Maps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.services.events.EventPattern;

/** EventBridge patterns on the CloudTrail records of API calls, as the detection rules match them (BP-MON-4). */
final class CloudTrailPatterns {
    private CloudTrailPatterns() {
    }

    /**
     * Successful calls (no {@code errorCode}) of one service, by event name.
     *
     * @param source the EventBridge source, e.g. {@code aws.ec2}
     * @param eventSource CloudTrail's event source, e.g. {@code ec2.amazonaws.com}
     * @param eventNames the API calls
     * @param requestParameters what the request must hold, or {@code null} for any request
     */
    static EventPattern successfulCall(final String source, final String eventSource, final List<String> eventNames,
                                       final @Nullable Map<String, Object> requestParameters) {
        Map<String, Object> detail = new LinkedHashMap<>(Maps.of("eventSource", List.of(eventSource),
                "eventName", eventNames, "errorCode", List.of(Maps.of("exists", false))));
        if (requestParameters != null) {
            detail.put("requestParameters", requestParameters);
        }
        return EventPattern.builder()
                .source(List.of(source))
                .detailType(List.of("AWS API Call via CloudTrail"))
                .detail(detail)
                .build();
    }
}

package io.securevpc.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The published samples in test/samples (provenance in its README), and the EventBridge envelope CloudTrail records
 * arrive in.
 */
final class Samples {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("test", "samples");

    private Samples() {
    }

    /** A complete EventBridge event from samples/eventbridge/. */
    static String event(final String name) {
        return read(ROOT.resolve("eventbridge").resolve(name + ".json")).toString();
    }

    /** An AWS Config SNS notification from samples/config/. */
    static String configNotification(final String name) {
        return read(ROOT.resolve("config").resolve(name + ".json")).toString();
    }

    /** A CloudTrail record from samples/cloudtrail-records/, as a node to edit. */
    static ObjectNode record(final String name) {
        return read(ROOT.resolve("cloudtrail-records").resolve(name + ".json"));
    }

    /**
     * A CloudTrail record wrapped the way EventBridge delivers it ("AWS API Call via CloudTrail"), per the
     * envelope AWS publishes (samples/README.md): source aws.&lt;service&gt;, account, time, region, detail.
     */
    static String viaEventBridge(final ObjectNode record) {
        String service = record.get("eventSource").asText().replace(".amazonaws.com", "");
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("version", "0");
        envelope.put("id", "00000000-0000-0000-0000-000000000000");
        envelope.put("detail-type", "AWS API Call via CloudTrail");
        envelope.put("source", "aws." + service);
        envelope.put("account", record.path("recipientAccountId").asText(record.path("userIdentity")
                .path("accountId").asText()));
        envelope.put("time", record.get("eventTime").asText());
        envelope.put("region", record.get("awsRegion").asText());
        envelope.putArray("resources");
        envelope.set("detail", record);
        return envelope.toString();
    }

    static String viaEventBridge(final String recordName) {
        return viaEventBridge(record(recordName));
    }

    /** The event pattern of the template's rule with this description, as JSON. */
    static String pattern(final Map<String, Map<String, Object>> rules, final String description) {
        List<Object> patterns = rules.values().stream()
                .map(r -> (Map<?, ?>) r.get("Properties"))
                .filter(p -> description.equals(p.get("Description")))
                .map(p -> (Object) p.get("EventPattern")).toList();
        if (patterns.size() != 1) {
            throw new AssertionError(patterns.size() + " rules described '" + description + "'");
        }
        try {
            return JSON.writeValueAsString(patterns.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode read(final Path path) {
        try {
            return (ObjectNode) JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

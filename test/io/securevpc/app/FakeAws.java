package io.securevpc.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS APIs the remediation documents call, as state that an {@link AutomationInterpreter} run changes: EC2
 * instances (network interfaces and their groups, tags, instance profile associations, volumes), snapshots, VPC
 * endpoint policies, trails and Config recorders. Each call answers as the API reference describes (the errors of
 * an unknown id included) and counts the calls that changed something, so a test can ask whether a run was a no-op.
 * An API the fake does not know fails the test.
 */
final class FakeAws {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error the API returns (the step fails), as opposed to a test mistake. */
    static final class AwsError extends RuntimeException {
        AwsError(final String message) {
            super(message);
        }
    }

    /** One EC2 instance: interface id to its group ids, tags, profile associations (id to state), volume ids. */
    record Instance(Map<String, List<String>> interfaces, Map<String, String> tags, Map<String, String> associations,
                    List<String> volumes) {
    }

    final Map<String, Instance> instances = new TreeMap<>();
    final List<String> snapshots = new ArrayList<>();
    final Map<String, JsonNode> endpointPolicies = new TreeMap<>();
    final Map<String, Boolean> trailsLogging = new TreeMap<>();
    final Map<String, Boolean> recordersRecording = new TreeMap<>();
    private int changes;
    private int associationCounter;

    /** @return how many calls changed state since the fake was made or this was last asked */
    int takeChanges() {
        int n = changes;
        changes = 0;
        return n;
    }

    /** Adds an instance with the given interfaces (each in {@code group}), an instance profile if asked, volumes. */
    void addInstance(final String id, final List<String> interfaceIds, final String group, final boolean profile,
                     final List<String> volumes) {
        Map<String, List<String>> interfaces = new LinkedHashMap<>();
        interfaceIds.forEach(eni -> interfaces.put(eni, List.of(group)));
        Map<String, String> associations = new LinkedHashMap<>();
        if (profile) {
            associations.put("iip-assoc-" + (++associationCounter), "associated");
        }
        instances.put(id, new Instance(interfaces, new TreeMap<>(), associations, List.copyOf(volumes)));
    }

    JsonNode call(final String service, final String api, final JsonNode p) {
        return switch (service + ":" + api) {
            case "ec2:DescribeTags" -> describeTags(p);
            case "ec2:CreateTags" -> createTags(p);
            case "ec2:DescribeInstances" -> describeInstances(p);
            case "ec2:ModifyNetworkInterfaceAttribute" -> modifyInterface(p);
            case "ec2:CreateSnapshots" -> createSnapshots(p);
            case "ec2:DescribeIamInstanceProfileAssociations" -> describeAssociations(p);
            case "ec2:DisassociateIamInstanceProfile" -> disassociate(p);
            case "ec2:ModifyVpcEndpoint" -> modifyEndpoint(p);
            case "cloudtrail:StartLogging" -> start(trailsLogging, p.get("Name").asText(), "TrailNotFoundException");
            case "config:StartConfigurationRecorder" -> start(recordersRecording,
                    p.get("ConfigurationRecorderName").asText(), "NoSuchConfigurationRecorderException");
            default -> throw new AssertionError("the fake does not know " + service + ":" + api
                    + ": teach it, so the idempotency test covers the step");
        };
    }

    private Instance instance(final String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw new AwsError("InvalidInstanceID.NotFound: " + id);
        }
        return i;
    }

    /** The values of a {@code Filters} entry by name, or {@code null} when the request has none of that name. */
    private static List<String> filter(final JsonNode p, final String name) {
        for (JsonNode f : p.path("Filters")) {
            if (f.get("Name").asText().equals(name)) {
                List<String> values = new ArrayList<>();
                f.get("Values").forEach(v -> values.add(v.asText()));
                return values;
            }
        }
        return null;
    }

    private JsonNode describeTags(final JsonNode p) {
        List<String> ids = filter(p, "resource-id");
        List<String> keys = filter(p, "key");
        ArrayNode tags = JSON.createArrayNode();
        instances.forEach((id, i) -> i.tags().forEach((k, v) -> {
            if ((ids == null || ids.contains(id)) && (keys == null || keys.contains(k))) {
                tags.addObject().put("Key", k).put("Value", v).put("ResourceId", id).put("ResourceType", "instance");
            }
        }));
        ObjectNode out = JSON.createObjectNode();
        out.set("Tags", tags);
        return out;
    }

    private JsonNode createTags(final JsonNode p) {
        for (JsonNode r : p.get("Resources")) {
            Instance i = instance(r.asText());
            for (JsonNode t : p.get("Tags")) {
                String old = i.tags().put(t.get("Key").asText(), t.get("Value").asText());
                if (!t.get("Value").asText().equals(old)) {
                    changes++;
                }
            }
        }
        return JSON.createObjectNode();
    }

    private JsonNode describeInstances(final JsonNode p) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode reservations = out.putArray("Reservations");
        for (JsonNode id : p.get("InstanceIds")) {
            Instance i = instance(id.asText());
            ObjectNode instance = reservations.addObject().putArray("Instances").addObject();
            instance.put("InstanceId", id.asText());
            ArrayNode interfaces = instance.putArray("NetworkInterfaces");
            i.interfaces().forEach((eni, groups) -> {
                ObjectNode n = interfaces.addObject().put("NetworkInterfaceId", eni);
                ArrayNode g = n.putArray("Groups");
                groups.forEach(group -> g.addObject().put("GroupId", group));
            });
        }
        return out;
    }

    private JsonNode modifyInterface(final JsonNode p) {
        String eni = p.get("NetworkInterfaceId").asText();
        List<String> groups = new ArrayList<>();
        p.get("Groups").forEach(g -> groups.add(g.asText()));
        for (Instance i : instances.values()) {
            if (i.interfaces().containsKey(eni)) {
                if (!groups.equals(i.interfaces().put(eni, List.copyOf(groups)))) {
                    changes++;
                }
                return JSON.createObjectNode();
            }
        }
        throw new AwsError("InvalidNetworkInterfaceID.NotFound: " + eni);
    }

    private JsonNode createSnapshots(final JsonNode p) {
        Instance i = instance(p.at("/InstanceSpecification/InstanceId").asText());
        ArrayNode out = JSON.createObjectNode().putArray("Snapshots");
        for (String volume : i.volumes()) {
            String id = "snap-" + (snapshots.size() + 1);
            snapshots.add(id + " of " + volume);
            out.addObject().put("SnapshotId", id).put("VolumeId", volume);
            changes++;
        }
        return JSON.createObjectNode().set("Snapshots", out);
    }

    private JsonNode describeAssociations(final JsonNode p) {
        List<String> ids = filter(p, "instance-id");
        List<String> states = filter(p, "state");
        ArrayNode list = JSON.createArrayNode();
        instances.forEach((id, i) -> i.associations().forEach((assoc, state) -> {
            if ((ids == null || ids.contains(id)) && (states == null || states.contains(state))) {
                list.addObject().put("AssociationId", assoc).put("InstanceId", id).put("State", state);
            }
        }));
        return JSON.createObjectNode().set("IamInstanceProfileAssociations", list);
    }

    private JsonNode disassociate(final JsonNode p) {
        String assoc = p.get("AssociationId").asText();
        for (Instance i : instances.values()) {
            if ("associated".equals(i.associations().get(assoc))) {
                i.associations().put(assoc, "disassociated");
                changes++;
                return JSON.createObjectNode();
            }
        }
        throw new AwsError("InvalidAssociationID.NotFound: " + assoc);
    }

    private JsonNode modifyEndpoint(final JsonNode p) {
        String id = p.get("VpcEndpointId").asText();
        if (!endpointPolicies.containsKey(id)) {
            throw new AwsError("InvalidVpcEndpointId.NotFound: " + id);
        }
        if (!p.has("PolicyDocument")) {
            throw new AssertionError("ModifyVpcEndpoint without a PolicyDocument changes more than the policy: " + p);
        }
        if (!p.get("PolicyDocument").equals(endpointPolicies.put(id, p.get("PolicyDocument")))) {
            changes++;
        }
        return JSON.createObjectNode().put("Return", true);
    }

    private JsonNode start(final Map<String, Boolean> running, final String name, final String notFound) {
        Boolean was = running.get(name);
        if (was == null) {
            throw new AwsError(notFound + ": " + name);
        }
        if (!was) {
            running.put(name, true);
            changes++;
        }
        return JSON.createObjectNode();
    }
}

package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.securevpc.nag.model.TemplateResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every remediation runbook of every profile, run twice on the same input, changes nothing the second time (issue:
 * reliability; BP-MON-5): the documents are read from the synthesized templates of the profile matrix, the
 * declarative ones run by {@link AutomationInterpreter} against {@link FakeAws}; a document with a script step is
 * covered by its script's Python tests, which must hold a run-twice test. A remediation that is not idempotent
 * would, started again by an EventBridge retry or a second finding, take evidence twice, fail on what it already
 * removed (and raise a false failure alert), or start itself again.
 */
class RunbookIdempotencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String QUARANTINE = "sg-0aaaaaaaaaaaaaaaa";
    private static final String TRAIL = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit";
    private static final Path DETECTION = Path.of("constructs/io/securevpc/detection");
    private static final Path DETECTION_TESTS = Path.of("test/io/securevpc/detection");

    /** One automation document of the app: where it is and its content, intrinsics resolved. */
    record Document(String where, String description, JsonNode content) {
        boolean declarative() {
            return !content.toString().contains("\"aws:executeScript\"");
        }

        @Override
        public String toString() {
            return where;
        }
    }

    private static List<Document> documents;

    @BeforeAll
    static void readDocuments() {
        documents = new ArrayList<>();
        for (TemplateResource r : SynthesizedApps.profileMatrix().templates().ofType("AWS::SSM::Document")) {
            if ("Automation".equals(r.prop("DocumentType").asText())) {
                JsonNode content = resolve(r.prop("Content"), r.stack().region(), r.stack().account());
                documents.add(new Document(r.describe(), content.path("description").asText(), content));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDeclarativeRunbookRunTwiceChangesNothingTheSecondTime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Document d : documents) {
            if (!d.declarative()) {
                continue;
            }
            for (Map<String, Object> parameters : inputs(d)) {
                tests.add(DynamicTest.dynamicTest(d.where() + " " + parameters, () -> {
                    FakeAws aws = world(parameters);
                    AutomationInterpreter.Execution first = AutomationInterpreter.run(d.content(), parameters, aws);
                    assertTrue(first.succeeded(), "first run: " + first.failures());
                    assertTrue(aws.takeChanges() > 0, "the first run remediates something");
                    AutomationInterpreter.Execution second = AutomationInterpreter.run(d.content(), parameters, aws);
                    assertTrue(second.succeeded(), "second run: " + second.failures());
                    assertEquals(0, aws.takeChanges(), "the second run changed something");
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no declarative runbook in the profile matrix");
        return tests.stream();
    }

    @Test
    void theMatrixHoldsEachKindOfDeclarativeRunbook() {
        TreeSet<String> kinds = new TreeSet<>();
        documents.stream().filter(Document::declarative).forEach(d -> kinds.add(d.description()));
        assertEquals(new TreeSet<>(List.of(
                "Isolates an EC2 instance named by a GuardDuty finding (BP-MON-5)",
                "Puts the deployed policy back on a guarded VPC endpoint (BP-EP-3, BP-MON-5)",
                "Starts logging of the audit trail again (BP-AUD-1)")), kinds);
    }

    @Test
    void isolationQuarantinesEveryInterfaceSnapshotsDetachesTheProfileAndTagsOnce() {
        Document isolation = kind("Isolates an EC2 instance");
        Map<String, Object> parameters = isolationInput();
        FakeAws aws = world(parameters);
        AutomationInterpreter.run(isolation.content(), parameters, aws);
        AutomationInterpreter.run(isolation.content(), parameters, aws);
        FakeAws.Instance instance = aws.instances.get(INSTANCE);
        assertEquals(Map.of("eni-1", List.of(QUARANTINE), "eni-2", List.of(QUARANTINE)), instance.interfaces());
        assertEquals(List.of("disassociated"), List.copyOf(instance.associations().values()));
        assertEquals(List.of("snap-1 of vol-1", "snap-2 of vol-2"), aws.snapshots, "one snapshot per volume, once");
        assertEquals("true", instance.tags().get("securevpc:quarantine"));
    }

    @Test
    void isolationOfAnInstanceWithoutAnInstanceProfileSucceeds() {
        Document isolation = kind("Isolates an EC2 instance");
        Map<String, Object> parameters = isolationInput();
        FakeAws aws = new FakeAws();
        aws.addInstance(INSTANCE, List.of("eni-1"), "sg-0bbbbbbbbbbbbbbbb", false, List.of("vol-1"));
        AutomationInterpreter.Execution run = AutomationInterpreter.run(isolation.content(), parameters, aws);
        assertTrue(run.succeeded(), "a failed execution raises a false failure alert: " + run.failures());
        assertEquals(Map.of("eni-1", List.of(QUARANTINE)), aws.instances.get(INSTANCE).interfaces());
    }

    @Test
    void isolationOfAnInstanceThatIsGoneFailsSoTheFailureAlertFires() {
        AutomationInterpreter.Execution run = AutomationInterpreter.run(kind("Isolates an EC2 instance").content(),
                isolationInput(), new FakeAws());
        assertEquals("Failed", run.status());
    }

    @Test
    void everyScriptRunbookHasARunTwiceTestOfItsScript() throws IOException {
        Pattern runTwice = Pattern.compile("def test_\\w*(twice|idempotent)");
        int scripts = 0;
        for (Document d : documents) {
            if (d.declarative()) {
                continue;
            }
            String script = d.content().findValue("Script").asText();
            Path source = null;
            try (Stream<Path> files = Files.list(DETECTION)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".py")).toList()) {
                    if (Files.readString(p).equals(script)) {
                        source = p;
                    }
                }
            }
            assertTrue(source != null, d.where() + ": its script is none of " + DETECTION + "/*.py");
            Path test = DETECTION_TESTS.resolve("test_" + source.getFileName());
            assertTrue(runTwice.matcher(Files.readString(test)).find(),
                    test + " has no test that runs the script twice on the same input");
            scripts++;
        }
        assertTrue(scripts > 0, "no script runbook in the profile matrix");
    }

    // ------------------------------------------------------------------------------------------------ inputs

    private static Document kind(final String description) {
        return documents.stream().filter(d -> d.description().startsWith(description)).findFirst().orElseThrow();
    }

    private static Map<String, Object> isolationInput() {
        return Map.of("InstanceId", INSTANCE, "QuarantineSecurityGroupId", QUARANTINE);
    }

    /** The inputs to run a document with: one per endpoint it guards, else one, from its parameters' names. */
    private static List<Map<String, Object>> inputs(final Document d) {
        List<String> names = new ArrayList<>();
        d.content().get("parameters").fieldNames().forEachRemaining(names::add);
        names.remove("AutomationAssumeRole");
        if (names.equals(List.of("VpcEndpointId"))) {
            List<Map<String, Object>> out = new ArrayList<>();
            d.content().findValue("Choices").forEach(c -> out.add(Map.of("VpcEndpointId",
                    c.get("StringEquals").asText())));
            return out;
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String name : names) {
            parameters.put(name, switch (name) {
                case "InstanceId" -> INSTANCE;
                case "QuarantineSecurityGroupId" -> QUARANTINE;
                case "TrailName" -> TRAIL;
                case "RecorderName" -> "default";
                default -> throw new AssertionError(d.where() + ": no input for parameter " + name
                        + ": add one, so the idempotency test runs the document");
            });
        }
        return List.of(parameters);
    }

    /** What the parameters name, in the state a remediation starts from. */
    private static FakeAws world(final Map<String, Object> parameters) {
        FakeAws aws = new FakeAws();
        if (parameters.containsKey("InstanceId")) {
            aws.addInstance(INSTANCE, List.of("eni-1", "eni-2"), "sg-0bbbbbbbbbbbbbbbb", true,
                    List.of("vol-1", "vol-2"));
        }
        if (parameters.containsKey("VpcEndpointId")) {
            aws.endpointPolicies.put(parameters.get("VpcEndpointId").toString(),
                    TextNode.valueOf("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\"}]}"));
        }
        if (parameters.containsKey("TrailName")) {
            aws.trailsLogging.put(TRAIL, false);
        }
        if (parameters.containsKey("RecorderName")) {
            aws.recordersRecording.put("default", false);
        }
        return aws;
    }

    // -------------------------------------------------------------------------------------------- intrinsics

    /**
     * The value with CloudFormation's intrinsics as a deployment would resolve them in shape: {@code Ref} to
     * {@code ref:<logical id>} (pseudo parameters to their values), {@code Fn::GetAtt} to
     * {@code getatt:<logical id>.<attribute>}, {@code Fn::GetStackOutput} to {@code output:<stack>.<output>},
     * {@code Fn::Join} joined.
     */
    static JsonNode resolve(final JsonNode value, final String region, final String account) {
        if (value.isObject() && value.size() == 1) {
            String fn = value.fieldNames().next();
            JsonNode arg = value.get(fn);
            switch (fn) {
                case "Ref" -> {
                    return TextNode.valueOf(switch (arg.asText()) {
                        case "AWS::Region" -> region;
                        case "AWS::AccountId" -> account;
                        case "AWS::Partition" -> "aws";
                        case "AWS::URLSuffix" -> "amazonaws.com";
                        default -> "ref:" + arg.asText();
                    });
                }
                case "Fn::GetAtt" -> {
                    return TextNode.valueOf("getatt:" + arg.get(0).asText() + "." + arg.get(1).asText());
                }
                case "Fn::Join" -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < arg.get(1).size(); i++) {
                        out.append(i > 0 ? arg.get(0).asText() : "")
                                .append(resolve(arg.get(1).get(i), region, account).asText());
                    }
                    return TextNode.valueOf(out.toString());
                }
                case "Fn::GetStackOutput" -> {
                    return TextNode.valueOf("output:" + arg.get("StackName").asText() + "."
                            + arg.get("OutputName").asText());
                }
                default -> {
                    if (fn.startsWith("Fn::")) {
                        throw new AssertionError("intrinsic " + fn + " is not resolved by the test: " + value);
                    }
                }
            }
        }
        if (value.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue(), region, account)));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            value.forEach(v -> out.add(resolve(v, region, account)));
            return out;
        }
        return value;
    }
}

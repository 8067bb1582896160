package io.securevpc.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the declarative part of an SSM Automation document (schema 0.3) as synthesized, against {@link FakeAws}:
 * {@code aws:executeAwsApi} (inputs with {@code {{ }}} references, outputs by selector), {@code aws:loop},
 * {@code aws:branch} ({@code StringEquals}, {@code Contains}, {@code BooleanEquals}, {@code Not}, {@code And},
 * {@code Or}, {@code Default}), {@code nextStep}, {@code isEnd}, {@code onFailure} and {@code isCritical}, following
 * the Systems Manager user guide's description of each. Anything else (a new action, an unknown API of the fake, a
 * reference that names no parameter or output) fails the test, so a new kind of step cannot pass unexamined. What
 * the interpreter cannot show is Systems Manager's own behaviour beyond its documentation (selector edge cases, an
 * empty loop): only a deployment verifies that.
 */
final class AutomationInterpreter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

    /** How one execution ended: its status, and the failed steps with the error of each. */
    record Execution(String status, List<String> failures) {
        boolean succeeded() {
            return "Success".equals(status);
        }
    }

    private final FakeAws aws;
    private final Map<String, JsonNode> variables = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private boolean failed;

    private AutomationInterpreter(final FakeAws aws, final Map<String, ?> parameters) {
        this.aws = aws;
        parameters.forEach((k, v) -> variables.put(k, JSON.valueToTree(v)));
    }

    /** Runs {@code document} (its {@code mainSteps}, intrinsics already resolved) with {@code parameters}. */
    static Execution run(final JsonNode document, final Map<String, ?> parameters, final FakeAws aws) {
        AutomationInterpreter interpreter = new AutomationInterpreter(aws, parameters);
        boolean aborted = !interpreter.runSteps(document.get("mainSteps"));
        return new Execution(aborted || interpreter.failed ? "Failed" : "Success", interpreter.failures);
    }

    /** @return {@code false} when a step failed with {@code onFailure: Abort} */
    private boolean runSteps(final JsonNode steps) {
        int i = 0;
        while (i < steps.size()) {
            JsonNode step = steps.get(i);
            String next;
            try {
                next = runStep(step);
            } catch (FakeAws.AwsError e) {
                failures.add(step.get("name").asText() + ": " + e.getMessage());
                if (step.path("isCritical").asBoolean(true)) {
                    failed = true;
                }
                if (!"Continue".equals(step.path("onFailure").asText("Abort"))) {
                    return false;
                }
                next = null;
            }
            if (step.path("isEnd").asBoolean(false)) {
                return true;
            }
            if (next == null && step.has("nextStep")) {
                next = step.get("nextStep").asText();
            }
            i = next == null ? i + 1 : indexOf(steps, next);
        }
        return true;
    }

    /** @return the step to go to next, or {@code null} for the following one */
    private String runStep(final JsonNode step) {
        String name = step.get("name").asText();
        JsonNode inputs = step.get("inputs");
        switch (step.get("action").asText()) {
            case "aws:executeAwsApi" -> {
                ObjectNode params = (ObjectNode) substitute(inputs);
                String service = params.remove("Service").asText();
                String api = params.remove("Api").asText();
                JsonNode response = aws.call(service, api, params);
                for (JsonNode output : step.path("outputs")) {
                    List<JsonNode> found = select(response, output.get("Selector").asText());
                    String type = output.get("Type").asText();
                    String key = name + "." + output.get("Name").asText();
                    if ("StringList".equals(type)) {
                        ArrayNode list = JSON.createArrayNode();
                        found.forEach(list::add);
                        variables.put(key, list);
                    } else if (!found.isEmpty()) {
                        variables.put(key, found.get(0));
                    }
                }
                return null;
            }
            case "aws:loop" -> {
                JsonNode items = substitute(inputs.get("Iterators"));
                if (!items.isArray()) {
                    throw new AssertionError(name + ": Iterators is not a list: " + items);
                }
                if (items.size() > inputs.path("MaxIterations").asInt(100)) {
                    throw new FakeAws.AwsError("more than MaxIterations items");
                }
                for (JsonNode item : items) {
                    variables.put(name + ".CurrentIteratorValue", item);
                    if (!runSteps(inputs.get("Steps"))) {
                        throw new FakeAws.AwsError("a step of the loop failed");
                    }
                }
                return null;
            }
            case "aws:branch" -> {
                for (JsonNode choice : inputs.get("Choices")) {
                    if (holds(choice)) {
                        return choice.get("NextStep").asText();
                    }
                }
                return inputs.has("Default") ? inputs.get("Default").asText() : null;
            }
            default -> throw new AssertionError("the interpreter does not know action " + step.get("action")
                    + " of step " + name + ": teach it (and the fake), so the idempotency test covers the step");
        }
    }

    private boolean holds(final JsonNode choice) {
        if (choice.has("Not")) {
            return !holds(choice.get("Not").get(0));
        }
        if (choice.has("And")) {
            for (JsonNode c : choice.get("And")) {
                if (!holds(c)) {
                    return false;
                }
            }
            return true;
        }
        if (choice.has("Or")) {
            for (JsonNode c : choice.get("Or")) {
                if (holds(c)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode variable = substitute(choice.get("Variable"));
        if (choice.has("StringEquals")) {
            return variable.isTextual() && variable.asText().equals(choice.get("StringEquals").asText());
        }
        if (choice.has("BooleanEquals")) {
            return variable.asBoolean() == choice.get("BooleanEquals").asBoolean();
        }
        if (choice.has("Contains")) {
            String wanted = choice.get("Contains").asText();
            if (variable.isArray()) {
                for (JsonNode v : variable) {
                    if (v.asText().equals(wanted)) {
                        return true;
                    }
                }
                return false;
            }
            return variable.asText().contains(wanted);
        }
        throw new AssertionError("the interpreter does not know the operator of choice " + choice);
    }

    /** The value with every {@code {{ name }}} replaced; a value that is one reference takes the variable's type. */
    private JsonNode substitute(final JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches()) {
                return variable(whole.group(1));
            }
            Matcher m = REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(variable(m.group(1)).asText()));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (value.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            value.forEach(v -> out.add(substitute(v)));
            return out;
        }
        if (value.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), substitute(e.getValue())));
            return out;
        }
        return value;
    }

    private JsonNode variable(final String name) {
        JsonNode v = variables.get(name);
        if (v == null) {
            // Systems Manager fails the step whose input names an output the earlier step did not produce.
            throw new FakeAws.AwsError("{{ " + name + " }} has no value");
        }
        return v;
    }

    private static int indexOf(final JsonNode steps, final String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no step named " + name);
    }

    /** The values a selector ({@code $}, {@code .key}, {@code [n]}, {@code ..key}) picks from {@code root}. */
    static List<JsonNode> select(final JsonNode root, final String selector) {
        Matcher m = Pattern.compile("\\.\\.([A-Za-z0-9]+)|\\.([A-Za-z0-9]+)|\\[(\\d+)]").matcher(selector);
        if (!selector.startsWith("$")) {
            throw new AssertionError("selector " + selector + " does not start with $");
        }
        List<JsonNode> current = List.of(root);
        int at = 1;
        while (at < selector.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new AssertionError("the interpreter cannot read selector " + selector);
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if (m.group(1) != null) {
                    collect(node, m.group(1), next);
                } else if (m.group(2) != null) {
                    if (node.has(m.group(2))) {
                        next.add(node.get(m.group(2)));
                    }
                } else if (node.isArray() && node.size() > Integer.parseInt(m.group(3))) {
                    next.add(node.get(Integer.parseInt(m.group(3))));
                }
            }
            current = next;
            at = m.end();
        }
        return current;
    }

    private static void collect(final JsonNode node, final String key, final List<JsonNode> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(key)) {
                    out.add(e.getValue());
                }
                collect(e.getValue(), key, out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, key, out));
        }
    }
}

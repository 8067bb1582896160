package io.securevpc.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the app's configuration into its records, collecting every problem of the file before throwing once
 * ({@link AppConfigException}, code {@link AppErrorCode#APP_CONFIG}). Three steps:
 * <ol>
 *   <li><b>Shape</b>: the JSON tree is walked against the records: a key no record component has is reported
 *       with the keys allowed there, a value of the wrong JSON type with the type expected. Both are dropped
 *       from the tree, so they read as unset afterwards.</li>
 *   <li><b>Binding</b>: Jackson binds the checked tree into the records (the records fill in defaults).
 *       Jackson alone stops at the first problem, which is why the shape is checked first.</li>
 *   <li><b>Values</b>: the records check their values and references ({@code validate} methods) through
 *       {@link #add}; a value already reported in step 1 (or inside one) is not reported again.</li>
 * </ol>
 * Problems are listed in the order of the records' components, so the same file always gives the same message.
 */
final class ConfigReader {
    /** The mapper of the configuration (records, enums through their {@code @JsonValue}). */
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<AppConfigException.Problem> problems = new ArrayList<>();
    private final Set<String> badShapes = new HashSet<>();
    private final Map<String, Integer> order = new HashMap<>();

    /**
     * The context value as a JSON tree: maps and lists as {@code cdk.json} hands them over, or a JSON string as
     * given with {@code cdk synth -c blueprint='{...}'}; null when unset or not JSON (then a problem is added).
     */
    JsonNode tree(final String path, final Object contextValue) {
        if (contextValue instanceof String json) {
            try {
                return JSON.readTree(json);
            } catch (JsonProcessingException e) {
                shape(path, json, "a JSON object: " + e.getOriginalMessage());
                return null;
            }
        }
        return contextValue == null ? null : JSON.valueToTree(contextValue);
    }

    /** Steps 1 and 2: checks the shape of the tree, then binds what is well-typed into the record. */
    <T extends Record> T read(final String path, final JsonNode node, final Class<T> type) {
        JsonNode checked = check(path, node, type);
        try {
            return checked == null || checked.isNull() ? null : JSON.treeToValue(checked, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The checked configuration did not bind to " + type.getName()
                    + "; ConfigReader and the records disagree", e);
        }
    }

    /** Adds a problem of a value (step 3), unless that value, or one that contains it, has a wrong shape. */
    void add(final String path, final Object value, final String allowed) {
        for (String bad : badShapes) {
            if (path.equals(bad) || path.startsWith(bad + ".") || path.startsWith(bad + "[")) {
                return;
            }
        }
        problems.add(new AppConfigException.Problem(AppErrorCode.APP_CONFIG, path, render(value), allowed));
    }

    /** @return whether any problem was found at the path or inside it. */
    boolean hasProblemsUnder(final String path) {
        return problems.stream().map(AppConfigException.Problem::path)
                .anyMatch(p -> p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
    }

    /** Throws every problem found, if any, in the order of the records' components. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            List<AppConfigException.Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt(p -> rank(p.path())));
            throw new AppConfigException(sorted);
        }
    }

    // ------------------------------------------------------------------------------------------ shape

    private JsonNode check(final String path, final JsonNode node, final Type type) {
        order.putIfAbsent(path, order.size());
        if (node == null || node.isNull()) {
            return NullNode.getInstance();
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            Type item = list.getActualTypeArguments()[0];
            if (!node.isArray()) {
                return shape(path, node, "a list of " + plural(item));
            }
            ArrayNode result = JSON.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                result.add(check(path + "[" + i + "]", node.get(i), item));
            }
            return result;
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            return checkObject(path, node, c);
        }
        if (c == String.class) {
            return node.isTextual() ? node : shape(path, node, "a string");
        }
        if (c == Integer.class) {
            return node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToInt()
                    ? IntNode.valueOf(node.asInt()) : shape(path, node, "an integer");
        }
        if (c == Boolean.class) {
            return node.isBoolean() ? node : shape(path, node, "true or false");
        }
        if (c.isEnum()) {
            List<String> names = enumNames(c);
            return node.isTextual() && names.contains(node.asText()) ? node : shape(path, node, "one of " + names);
        }
        throw new IllegalStateException("No configuration type " + type);
    }

    /** An object: unknown keys first (with the keys allowed), then every component in the record's order. */
    private JsonNode checkObject(final String path, final JsonNode node, final Class<?> record) {
        List<String> keys = keys(record);
        if (!node.isObject()) {
            return shape(path, node, "an object with the keys " + String.join(", ", keys));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                order.putIfAbsent(path + "." + name, order.size());
                shape(path + "." + name, node.get(name), "no such key: one of " + String.join(", ", keys));
            }
        }
        ObjectNode result = JSON.createObjectNode();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            result.set(name, check(path + "." + name, node.get(name), component.getGenericType()));
        }
        return result;
    }

    private NullNode shape(final String path, final Object value, final String allowed) {
        problems.add(new AppConfigException.Problem(AppErrorCode.APP_CONFIG, path, render(value), allowed));
        badShapes.add(path);
        return NullNode.getInstance();
    }

    /** @return the configuration keys of a record: its components, in order. */
    static List<String> keys(final Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** @return the names an enum is written with in the configuration (its {@code @JsonValue}). */
    static List<String> enumNames(final Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> JSON.valueToTree(e).asText()).toList();
    }

    private static String plural(final Type item) {
        if (item == String.class) {
            return "strings";
        }
        if (item == Integer.class) {
            return "integers";
        }
        if (item instanceof Class<?> c && c.isRecord()) {
            return "objects with the keys " + String.join(", ", keys(c));
        }
        return "values";
    }

    /** The position of the path (or of the closest enclosing one) in the walk. */
    private int rank(final String path) {
        String p = path;
        while (!order.containsKey(p)) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return Integer.MAX_VALUE;
            }
            p = p.substring(0, cut);
        }
        return order.get(p);
    }

    /** Values as the message shows them: strings quoted, JSON lists and objects as compact JSON, unset as such. */
    private static String render(final Object value) {
        if (value == null || value instanceof NullNode) {
            return "(unset)";
        }
        if (value instanceof CharSequence) {
            return "'" + value + "'";
        }
        if (value instanceof JsonNode node) {
            return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return JSON.valueToTree(value).toString();
        }
        return String.valueOf(value);
    }

    // --------------------------------------------------------------------------------- value helpers

    /** @return an unmodifiable copy of the list, or null when unset (a required list); nulls are kept. */
    static <T> List<T> copy(final List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** @return the list, or an empty one when unset; nulls (dropped values) are kept, so indexes stay right. */
    static <T> List<T> listOrEmpty(final List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}

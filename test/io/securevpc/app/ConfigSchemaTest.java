package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped description of the configuration stays the configuration: {@code docs/config.schema.json} has the
 * records' keys at every level, their required keys and types, and forbids any other key; the shipped
 * {@code cdk.json} satisfies it; {@code docs/config.md} describes every key.
 */
class ConfigSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schema;
    private static JsonNode cdkJson;

    @BeforeAll
    static void read() throws IOException {
        schema = JSON.readTree(Path.of("docs/config.schema.json").toFile());
        cdkJson = JSON.readTree(Path.of("cdk.json").toFile());
    }

    private static JsonNode blueprintSchema() {
        return schema.at("/properties/context/properties/blueprint");
    }

    // ------------------------------------------------------------------------------ schema vs records

    @Test
    void schemaIsDraft202012() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }

    @Test
    void schemaHasTheRecordsKeysRequiredKeysAndTypesAtEveryLevelAndNoOtherKey() {
        List<String> mismatches = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        compareRecord(BlueprintConfig.class, blueprintSchema(), "blueprint", mismatches, seen);
        assertEquals(List.of(), mismatches);
        assertEquals(17, seen.size(), "records compared: " + seen);
    }

    private static void compareRecord(final Class<?> record, final JsonNode property, final String path,
                                      final List<String> mismatches, final Set<Class<?>> seen) {
        seen.add(record);
        JsonNode s = deref(property);
        if (!"object".equals(s.path("type").asText()) || !s.path("additionalProperties").isBoolean()
                || s.path("additionalProperties").asBoolean()) {
            mismatches.add(path + ": not an object with additionalProperties false");
        }
        List<String> keys = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> schemaKeys = new ArrayList<>();
        s.path("properties").fieldNames().forEachRemaining(schemaKeys::add);
        if (!keys.equals(schemaKeys)) {
            mismatches.add(path + ": keys " + schemaKeys + " in the schema, " + keys + " in " + record.getSimpleName());
        }
        Set<String> required = new LinkedHashSet<>();
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.isAnnotationPresent(Required.class)) {
                required.add(c.getName());
            }
        }
        Set<String> schemaRequired = new LinkedHashSet<>();
        s.path("required").forEach(r -> schemaRequired.add(r.asText()));
        if (!required.equals(schemaRequired)) {
            mismatches.add(path + ": required " + schemaRequired + " in the schema, " + required + " in "
                    + record.getSimpleName());
        }
        for (RecordComponent c : record.getRecordComponents()) {
            if (s.path("properties").has(c.getName())) {
                compareType(c.getGenericType(), s.path("properties").get(c.getName()), path + "." + c.getName(),
                        mismatches, seen);
            }
        }
    }

    private static void compareType(final Type type, final JsonNode property, final String path,
                                    final List<String> mismatches, final Set<Class<?>> seen) {
        JsonNode s = deref(property);
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            expectType(s, "array", path, mismatches);
            compareType(list.getActualTypeArguments()[0], s.path("items"), path + "[]", mismatches, seen);
        } else if (type instanceof Class<?> c && c.isRecord()) {
            compareRecord(c, property, path, mismatches, seen);
        } else if (type instanceof Class<?> c && c.isEnum()) {
            List<String> values = new ArrayList<>();
            s.path("enum").forEach(v -> values.add(v.asText()));
            if (!ConfigReader.enumNames(c).equals(values)) {
                mismatches.add(path + ": enum " + values + " in the schema, " + ConfigReader.enumNames(c) + " in "
                        + c.getSimpleName());
            }
        } else {
            expectType(s, Map.of(String.class, "string", Integer.class, "integer", Boolean.class, "boolean")
                    .get(type), path, mismatches);
        }
    }

    private static void expectType(final JsonNode s, final String type, final String path,
                                   final List<String> mismatches) {
        if (!s.path("type").asText().equals(type)) {
            mismatches.add(path + ": type '" + s.path("type").asText() + "' in the schema, '" + type + "' expected");
        }
    }

    private static JsonNode deref(final JsonNode s) {
        return s.has("$ref") ? deref(schema.at(s.get("$ref").asText().substring(1))) : s;
    }

    // ------------------------------------------------------------------------------ cdk.json vs schema

    @Test
    void shippedCdkJsonSatisfiesTheSchema() {
        List<String> errors = new ArrayList<>();
        validate(cdkJson, schema, "", errors, new ArrayList<>());
        assertEquals(List.of(), errors);
    }

    @Test
    void schemaRejectsAMisspeltKeyAMissingRequiredKeyAndAWrongType() {
        ObjectNode broken = cdkJson.deepCopy();
        ObjectNode env = (ObjectNode) broken.at("/context/blueprint/environments/0");
        env.set("blockLists", env.remove("blockList"));
        ((ObjectNode) broken.at("/context/blueprint/environments/1")).remove("cidr");
        ((ObjectNode) broken.at("/context/blueprint/connectivity/privateLinks/0")).put("port", "443");
        List<String> errors = new ArrayList<>();
        validate(broken, schema, "", errors, new ArrayList<>());
        assertEquals(List.of(
                "context.blueprint.environments[0]: key 'blockLists' not allowed",
                "context.blueprint.environments[1]: required key 'cidr' missing",
                "context.blueprint.connectivity.privateLinks[0].port: not of type integer"), errors);
    }

    /** Required in the schema (so in the records) means: the reader reports the key as unset when it is missing. */
    @Test
    void theReaderRequiresExactlyTheKeysTheSchemaRequires() {
        List<ObjectVisit> objects = new ArrayList<>();
        validate(cdkJson.at("/context/blueprint"), blueprintSchema(), "blueprint", new ArrayList<>(), objects);
        List<String> disagreements = new ArrayList<>();
        int keys = 0;
        for (ObjectVisit o : objects) {
            for (Iterator<String> it = o.node().fieldNames(); it.hasNext(); ) {
                String key = it.next();
                keys++;
                ObjectNode config = cdkJson.at("/context/blueprint").deepCopy();
                ((ObjectNode) config.at(o.pointer())).remove(key);
                String path = o.path() + "." + key;
                boolean reportedUnset;
                try {
                    BlueprintConfig.parse(JSON.convertValue(config, Map.class));
                    reportedUnset = false;
                } catch (AppConfigException e) {
                    reportedUnset = e.getProblems().stream()
                            .anyMatch(p -> p.path().equals(path) && p.value().equals("(unset)"));
                }
                if (reportedUnset != o.required().contains(key)) {
                    disagreements.add(path + (reportedUnset ? " is reported unset, " : " is not reported unset, ")
                            + "required in the schema: " + o.required().contains(key));
                }
            }
        }
        assertEquals(List.of(), disagreements);
        assertTrue(keys > 50, "keys of the shipped configuration tried: " + keys);
    }

    /** An object of the configuration met while validating: where it is and which keys its schema requires. */
    private record ObjectVisit(String path, String pointer, JsonNode node, Set<String> required) {
    }

    /**
     * The subset of JSON Schema 2020-12 the shipped schema uses: $ref, type, enum, const, not, pattern, minLength,
     * minimum, maximum, items, minItems, maxItems, uniqueItems, properties, required, additionalProperties, and
     * if/then where "then" only adds required keys (a key required by one value of another, e.g. a shape).
     */
    private static void validate(final JsonNode value, final JsonNode s, final String path, final List<String> errors,
                                 final List<ObjectVisit> objects) {
        validate(value, s, path, "", errors, objects);
    }

    private static void validate(final JsonNode value, final JsonNode s, final String path, final String pointer,
                                 final List<String> errors, final List<ObjectVisit> objects) {
        if (s.has("$ref")) {
            validate(value, schema.at(s.get("$ref").asText().substring(1)), path, pointer, errors, objects);
        }
        String at = path.isEmpty() ? "(root)" : path;
        if (s.has("type") && !hasType(value, s.get("type").asText())) {
            errors.add(at + ": not of type " + s.get("type").asText());
            return;
        }
        if (s.has("enum") && !contains(s.get("enum"), value)) {
            errors.add(at + ": not one of " + s.get("enum"));
        }
        if (s.has("const") && !s.get("const").equals(value)) {
            errors.add(at + ": not " + s.get("const"));
        }
        if (s.has("not")) {
            List<String> inner = new ArrayList<>();
            validate(value, s.get("not"), path, pointer, inner, new ArrayList<>());
            if (inner.isEmpty()) {
                errors.add(at + ": matches " + s.get("not"));
            }
        }
        if (value.isTextual()) {
            if (s.has("pattern") && !Pattern.compile(s.get("pattern").asText()).matcher(value.asText()).find()) {
                errors.add(at + ": does not match " + s.get("pattern").asText());
            }
            if (s.has("minLength") && value.asText().length() < s.get("minLength").asInt()) {
                errors.add(at + ": shorter than " + s.get("minLength").asInt());
            }
        }
        if (value.isNumber()) {
            if (s.has("minimum") && value.asDouble() < s.get("minimum").asDouble()
                    || s.has("maximum") && value.asDouble() > s.get("maximum").asDouble()) {
                errors.add(at + ": out of range");
            }
        }
        if (value.isArray()) {
            if (s.has("minItems") && value.size() < s.get("minItems").asInt()
                    || s.has("maxItems") && value.size() > s.get("maxItems").asInt()) {
                errors.add(at + ": wrong number of items");
            }
            if (s.path("uniqueItems").asBoolean() && new HashSet<JsonNode>(toList((ArrayNode) value)).size()
                    != value.size()) {
                errors.add(at + ": items not unique");
            }
            if (s.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), s.get("items"), path + "[" + i + "]", pointer + "/" + i, errors, objects);
                }
            }
        }
        if (value.isObject() && s.has("properties")) {
            Set<String> required = new LinkedHashSet<>();
            s.path("required").forEach(r -> required.add(r.asText()));
            if (s.has("if")) {
                List<String> inner = new ArrayList<>();
                validate(value, s.get("if"), path, pointer, inner, new ArrayList<>());
                if (inner.isEmpty()) {
                    s.path("then").path("required").forEach(r -> required.add(r.asText()));
                }
            }
            objects.add(new ObjectVisit(path, pointer, value, required));
            for (String r : required) {
                if (!value.has(r)) {
                    errors.add(at + ": required key '" + r + "' missing");
                }
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String child = path.isEmpty() ? key : path + "." + key;
                if (s.get("properties").has(key)) {
                    validate(value.get(key), s.get("properties").get(key), child, pointer + "/" + key, errors,
                            objects);
                } else if (s.has("additionalProperties") && !s.get("additionalProperties").asBoolean()) {
                    errors.add(at + ": key '" + key + "' not allowed");
                }
            }
        }
    }

    private static boolean hasType(final JsonNode value, final String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    private static boolean contains(final JsonNode values, final JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> toList(final ArrayNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    // ------------------------------------------------------------------------------ docs/config.md

    /** Every key, as docs/config.md names it: {@code environments[].availabilityZones}. */
    private static void keyPaths(final Class<?> record, final String prefix, final List<String> paths) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix + c.getName();
            paths.add(path);
            Type type = c.getGenericType();
            if (type instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> item
                    && item.isRecord()) {
                keyPaths(item, path + "[].", paths);
            } else if (type instanceof Class<?> nested && nested.isRecord()) {
                keyPaths(nested, path + ".", paths);
            }
        }
    }

    @Test
    void configDocDescribesEveryKeyWithItsTypeDefaultAndCaution() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/config.md"));
        List<String> paths = new ArrayList<>();
        keyPaths(BlueprintConfig.class, "", paths);
        List<String> missing = new ArrayList<>();
        for (String key : paths) {
            int heading = lines.indexOf("### `" + key + "`");
            if (heading < 0) {
                missing.add(key + ": no heading");
                continue;
            }
            List<String> section = new ArrayList<>();
            for (int i = heading + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
                section.add(lines.get(i));
            }
            for (String field : List.of("Type:", "Default:", "CAUTION:")) {
                if (section.stream().noneMatch(l -> l.contains(field))) {
                    missing.add(key + ": no " + field);
                }
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(paths.size(), lines.stream().filter(l -> l.startsWith("### `")).count(),
                "one heading per key, no heading of a key that does not exist");
        assertTrue(paths.contains("connectivity.privateLinks[].endpointId"), String.valueOf(paths));
    }
}

package io.securevpc.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;

/**
 * The gate's cache of findings per template: what the stock packs and CloudFormation validation found in one stack's
 * template, stored under a key that names everything the findings depend on, so an unchanged stack is not checked
 * again at the next synth.
 *
 * <p>The key ({@link #key}) holds the SHA-256 of the template's bytes, the stack's construct path, the construct path
 * of every logical id of the stack, the acknowledgements that apply to the stack, the gate's options, and the
 * identity of every check (cdk-nag's and aws-cdk-lib's versions, each pack's name, CloudFormation validation's
 * version, the account and region it validates for, and a hash of the gate's own classes that produce the findings).
 * One file per key, named by the key's SHA-256, written atomically ({@link GateFiles#writeAtomically}). An entry is
 * trusted only when it parses, names this cache's format, holds exactly the key asked for (a file copied from another
 * key is foreign), and its findings match the digest stored beside them (a truncated or altered file does not);
 * anything else is ignored, counted as rejected, and the stack is checked again. Findings are cached raw, before the
 * baseline and the acknowledgements are applied: the gate judges them afresh at every synth, so a cached error
 * still fails synth.
 */
final class GateCache {
    /** Directory of the cache under the app's output directory when none is given. */
    static final String DIRECTORY = ".secure-vpc-gate-cache";
    /** Context key: {@code false} turns the cache off, {@code true} on (also under CI). */
    static final String CONTEXT_KEY = "secure-vpc:gateCache";
    /** Context key: the cache's directory (default: {@value #DIRECTORY} under the app's output directory). */
    static final String DIRECTORY_CONTEXT_KEY = "secure-vpc:gateCacheDir";
    /** Version of the entry format; entries of another format are ignored. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The gate's classes whose code shapes the cached findings. */
    private static final List<Class<?>> FINDING_CLASSES = List.of(GateCache.class, GatePlugin.class, GatedPack.class,
            ValidationReports.class, DeployedResources.class);
    private static String codeHash;

    private final Path directory;
    private int hits;
    private int misses;
    private int rejected;
    private int writeFailures;

    GateCache(final @NotNull Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * @param enabled the builder's setting, {@code null} when not set
     * @param directory the builder's directory, {@code null} when not set
     * @return the app's cache: off ({@code null}) when {@code enabled} is false, else when the context key
     *     {@value #CONTEXT_KEY} is false, else when {@code enabled} and the key are unset and {@code CI} is set; in
     *     {@code directory}, else {@value #DIRECTORY_CONTEXT_KEY}, else {@value #DIRECTORY} in the output directory
     */
    static @Nullable GateCache of(final @NotNull App app, final @Nullable Boolean enabled,
                                  final @Nullable Path directory) {
        boolean on;
        Object context = enabled != null ? null : app.getNode().tryGetContext(CONTEXT_KEY);
        if (enabled != null) {
            on = enabled;
        } else if (context != null) {
            String value = String.valueOf(context).trim();
            if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
                throw new BlueprintValidationException(GateFiles.SCOPE, List.of(new BlueprintValidationException.Problem(
                        ErrorCode.GATE_FILE, CONTEXT_KEY, value, "true or false")));
            }
            on = Boolean.parseBoolean(value);
        } else {
            String ci = System.getenv("CI");
            on = ci == null || ci.isEmpty() || "false".equalsIgnoreCase(ci);
        }
        if (!on) {
            return null;
        }
        if (directory != null) {
            return new GateCache(directory);
        }
        Object dir = app.getNode().tryGetContext(DIRECTORY_CONTEXT_KEY);
        return new GateCache(dir != null ? Path.of(String.valueOf(dir)) : Path.of(app.getOutdir()).resolve(DIRECTORY));
    }

    /** @return the directory entries are stored in. */
    @NotNull Path directory() {
        return directory;
    }

    /** @return the counts since the last {@link #resetStats()}. */
    @NotNull CacheStats stats() {
        return new CacheStats(hits, misses, rejected, writeFailures);
    }

    void resetStats() {
        hits = 0;
        misses = 0;
        rejected = 0;
        writeFailures = 0;
    }

    /** @return the file of the entry under {@code key}. */
    @NotNull Path fileOf(final @NotNull String key) {
        return directory.resolve(sha256(key.getBytes(StandardCharsets.UTF_8)) + ".json");
    }

    /**
     * @return the findings stored under {@code key}, or {@code null} when there is no entry or it cannot be trusted
     *     (unreadable, not JSON, another format, another key, findings not matching their digest)
     */
    @Nullable JsonNode read(final @NotNull String key) {
        Path file = fileOf(key);
        if (!Files.isRegularFile(file)) {
            misses++;
            return null;
        }
        try {
            JsonNode entry = JSON.readTree(file.toFile());
            String findings = entry.path("findings").asText(null);
            if (entry.path("format").asInt(-1) != FORMAT || !key.equals(entry.path("key").asText(null))
                    || findings == null
                    || !sha256(findings.getBytes(StandardCharsets.UTF_8)).equals(entry.path("digest").asText())) {
                throw new IOException("not an entry of this key");
            }
            JsonNode parsed = JSON.readTree(findings);
            hits++;
            return parsed;
        } catch (IOException | RuntimeException e) {
            rejected++;
            misses++;
            return null;
        }
    }

    /** @return whether {@link #read} would return findings for {@code key}, without counting a hit or a miss. */
    boolean has(final @NotNull String key) {
        int h = hits;
        int m = misses;
        int r = rejected;
        boolean found = read(key) != null;
        hits = h;
        misses = m;
        rejected = r;
        return found;
    }

    /**
     * Stores {@code findings} under {@code key}, atomically. A cache that cannot be written only costs time: the
     * failure is counted ({@link CacheStats#writeFailures()}) and synth goes on.
     */
    void write(final @NotNull String key, final @NotNull JsonNode findings) {
        try {
            Files.createDirectories(directory);
            String text = JSON.writeValueAsString(findings);
            ObjectNode entry = JSON.createObjectNode();
            entry.put("format", FORMAT);
            entry.put("key", key);
            entry.put("digest", sha256(text.getBytes(StandardCharsets.UTF_8)));
            entry.put("findings", text);
            GateFiles.writeAtomically(fileOf(key), JSON.writeValueAsBytes(entry));
        } catch (IOException | RuntimeException e) {
            writeFailures++;
        }
    }

    /** @return a key: the given parts as one JSON object, in their order. */
    static @NotNull String key(final @NotNull Map<String, ?> parts) {
        try {
            return JSON.writeValueAsString(parts);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the gate cache's key: " + e, e);
        }
    }

    /** @return the lower-case hex SHA-256 of {@code bytes}. */
    static @NotNull String sha256(final byte @NotNull [] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the SHA-256 of the gate's classes that produce the cached findings: new code, new keys. */
    static synchronized @NotNull String codeHash() {
        if (codeHash == null) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                for (Class<?> c : FINDING_CLASSES) {
                    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                        digest.update(c.getName().getBytes(StandardCharsets.UTF_8));
                        if (in != null) {
                            digest.update(in.readAllBytes());
                        }
                    }
                }
                codeHash = HexFormat.of().formatHex(digest.digest());
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot hash the gate's classes: " + e, e);
            }
        }
        return codeHash;
    }

    /** @return the version of a Maven artifact on the classpath (its {@code pom.properties}), or {@code "unknown"}. */
    static @NotNull String artifactVersion(final @NotNull String groupId, final @NotNull String artifactId) {
        try (InputStream in = GateCache.class.getClassLoader().getResourceAsStream("META-INF/maven/" + groupId + "/"
                + artifactId + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * @return {@code violations} as JSON, each template path equal to {@code template} written as {@code null}, so an
     *     entry does not depend on where the output directory is
     */
    static @NotNull ArrayNode toJson(final @NotNull List<PolicyViolation> violations, final @NotNull String template) {
        ArrayNode out = JSON.createArrayNode();
        for (PolicyViolation v : violations) {
            ObjectNode n = out.addObject();
            n.put("ruleName", v.getRuleName());
            n.put("description", v.getDescription());
            if (v.getSeverity() != null) {
                n.put("severity", v.getSeverity());
            }
            if (v.getFix() != null) {
                n.put("fix", v.getFix());
            }
            if (v.getRuleMetadata() != null) {
                ObjectNode m = n.putObject("ruleMetadata");
                v.getRuleMetadata().forEach(m::put);
            }
            ArrayNode resources = n.putArray("violatingResources");
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                ObjectNode rn = resources.addObject();
                if (r.getResourceLogicalId() != null) {
                    rn.put("resourceLogicalId", r.getResourceLogicalId());
                }
                rn.put("templatePath", template.equals(r.getTemplatePath()) ? null : r.getTemplatePath());
                ArrayNode locations = rn.putArray("locations");
                r.getLocations().forEach(locations::add);
                if (r.getConstructPath() != null) {
                    rn.put("constructPath", r.getConstructPath());
                }
            }
        }
        return out;
    }

    /** @return the violations of {@link #toJson}, a {@code null} template path read as {@code template}. */
    static @NotNull List<PolicyViolation> fromJson(final @NotNull JsonNode violations, final @NotNull String template) {
        List<PolicyViolation> out = new ArrayList<>();
        for (JsonNode v : violations) {
            for (JsonNode r : v.path("violatingResources")) {
                if (r.path("templatePath").isNull()) {
                    ((ObjectNode) r).put("templatePath", template);
                }
            }
            out.add(ValidationReports.violation(v));
        }
        return out;
    }
}

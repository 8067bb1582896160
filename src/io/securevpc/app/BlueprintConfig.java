package io.securevpc.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Ipv4Cidr;
import io.securevpc.internal.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The app's configuration: the {@value #CONTEXT_KEY} object of {@code cdk.json} context (or {@code -c}):
 * {@code environments}, and optionally {@code connectivity} between them ({@link ConnectivityConfig}).
 * Every problem is reported at once, naming the key, the value and what is allowed.
 */
public record BlueprintConfig(List<EnvironmentConfig> environments, ConnectivityConfig connectivity) {
    /** The context key holding the configuration. */
    public static final String CONTEXT_KEY = "blueprint";

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{0,30}$");
    private static final Pattern STACK_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9-]{0,127}$");
    private static final Pattern ACCOUNT = Pattern.compile("^\\d{12}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d$");

    /**
     * Parses the context value: maps and lists as {@code cdk.json} hands them over, or a JSON string as given
     * with {@code cdk synth -c blueprint='{...}'}.
     */
    public static BlueprintConfig parse(final Object contextValue) {
        Problems problems = new Problems();
        Object context = contextValue;
        if (contextValue instanceof String json) {
            try {
                context = new ObjectMapper().readValue(json, Object.class);
            } catch (JsonProcessingException e) {
                problems.add(ErrorCode.APP_CONFIG, CONTEXT_KEY, json, "a JSON object: " + e.getOriginalMessage());
                problems.throwIfAny("the app configuration");
            }
        }
        List<EnvironmentConfig> environments = new ArrayList<>();
        ConnectivityConfig connectivity = ConnectivityConfig.NONE;
        if (!(context instanceof Map<?, ?> root)) {
            problems.add(ErrorCode.APP_CONFIG, CONTEXT_KEY, context == null ? null : context.toString(),
                    "an object with an 'environments' list in cdk.json context");
        } else if (!(root.get("environments") instanceof List<?> list) || list.isEmpty()) {
            problems.add(ErrorCode.APP_CONFIG, CONTEXT_KEY + ".environments", String.valueOf(root.get("environments")),
                    "a non-empty list of environments");
        } else {
            for (int i = 0; i < list.size(); i++) {
                parseEnvironment(CONTEXT_KEY + ".environments[" + i + "]", list.get(i), problems)
                        .ifPresent(environments::add);
            }
            checkUnique(environments, problems);
            // Connections name environments: checked only against a list that parsed completely.
            if (problems.isEmpty()) {
                connectivity = ConnectivityConfig.parse(root.get("connectivity"), environments, problems);
            }
        }
        problems.throwIfAny("the app configuration");
        return new BlueprintConfig(List.copyOf(environments), connectivity);
    }

    private static Optional<EnvironmentConfig> parseEnvironment(final String key, final Object value,
                                                                final Problems problems) {
        if (!(value instanceof Map<?, ?> env)) {
            problems.add(ErrorCode.APP_CONFIG, key, String.valueOf(value), "an object");
            return Optional.empty();
        }
        int before = problemCount(problems);
        String name = requiredString(env, key + ".name", NAME, "lower-case letters, digits, dashes", problems);
        String stackName = env.get("stackName") == null ? (name == null ? null : "SecureVpc-" + name)
                : requiredString(env, key + ".stackName", STACK_NAME, "letters, digits, dashes", problems);
        EnvironmentConfig.Profile profile = parseProfile(key + ".profile", env.get("profile"), problems);
        String cidr = requiredString(env, key + ".cidr", null, "an IPv4 CIDR", problems);
        if (cidr != null && Ipv4Cidr.parse(cidr).isEmpty()) {
            problems.add(ErrorCode.APP_CONFIG, key + ".cidr", cidr, "an IPv4 CIDR with no host bits set");
        }
        String account = optionalString(env, key + ".account", ACCOUNT, "a 12-digit account id", problems);
        String region = optionalString(env, key + ".region", REGION, "a region name such as eu-west-1", problems);
        List<String> azs = parseAzs(key + ".availabilityZones", env.get("availabilityZones"), region, problems);
        List<EnvironmentConfig.BlockedRange> blockList = parseBlockList(key + ".blockList", env.get("blockList"),
                problems);
        if (problemCount(problems) > before) {
            return Optional.empty();
        }
        return Optional.of(new EnvironmentConfig(name, stackName, profile, cidr, account, region, azs, blockList));
    }

    private static EnvironmentConfig.Profile parseProfile(final String key, final Object value,
                                                          final Problems problems) {
        for (EnvironmentConfig.Profile p : EnvironmentConfig.Profile.values()) {
            if (p.configName().equals(value)) {
                return p;
            }
        }
        problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value), "one of " + Arrays
                .stream(EnvironmentConfig.Profile.values()).map(EnvironmentConfig.Profile::configName).toList());
        return null;
    }

    private static List<String> parseAzs(final String key, final Object value, final String region,
                                         final Problems problems) {
        if (!(value instanceof List<?> list) || list.size() < 2 || list.size() > 6
                || !list.stream().allMatch(String.class::isInstance)) {
            problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value),
                    "a list of 2 to 6 Availability Zone names (given, so synth needs no AWS lookup)");
            return List.of();
        }
        List<String> azs = list.stream().map(String.class::cast).collect(Collectors.toList());
        if (region != null && !azs.stream().allMatch(az -> az.startsWith(region))) {
            problems.add(ErrorCode.APP_CONFIG, key, azs.toString(), "zones of the region " + region);
        }
        return azs;
    }

    private static List<EnvironmentConfig.BlockedRange> parseBlockList(final String key, final Object value,
                                                                      final Problems problems) {
        if (value == null) {
            return List.of();
        }
        List<EnvironmentConfig.BlockedRange> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> entry && entry.get("cidr") instanceof String cidr
                        && entry.get("reason") instanceof String reason && !reason.isBlank()) {
                    result.add(new EnvironmentConfig.BlockedRange(cidr, reason));
                } else {
                    problems.add(ErrorCode.APP_CONFIG, key + "[" + i + "]", String.valueOf(list.get(i)),
                            "an object with 'cidr' and a non-empty 'reason'");
                }
            }
        } else {
            problems.add(ErrorCode.APP_CONFIG, key, String.valueOf(value), "a list of {cidr, reason} objects");
        }
        return result;
    }

    private static void checkUnique(final List<EnvironmentConfig> envs, final Problems problems) {
        Set<String> names = new HashSet<>();
        Set<String> stacks = new HashSet<>();
        for (int i = 0; i < envs.size(); i++) {
            EnvironmentConfig e = envs.get(i);
            if (!names.add(e.name())) {
                problems.add(ErrorCode.APP_CONFIG, CONTEXT_KEY + ".environments[" + i + "].name", e.name(),
                        "a name no other environment has");
            }
            if (!stacks.add(e.stackName())) {
                problems.add(ErrorCode.APP_CONFIG, CONTEXT_KEY + ".environments[" + i + "].stackName", e.stackName(),
                        "a stack name no other environment has");
            }
            for (int j = 0; j < i; j++) {
                if (Ipv4Cidr.of(e.cidr()).overlaps(Ipv4Cidr.of(envs.get(j).cidr()))) {
                    problems.add(ErrorCode.APP_CONFIG, CONTEXT_KEY + ".environments[" + i + "].cidr", e.cidr(),
                            "a range that does not overlap environment '" + envs.get(j).name() + "' ("
                                    + envs.get(j).cidr() + "), so the two can later be peered or attached to one "
                                    + "Transit Gateway (BP-MV-2)");
                }
            }
        }
    }

    private static String requiredString(final Map<?, ?> env, final String key, final Pattern pattern,
                                         final String allowed, final Problems problems) {
        Object value = env.get(key.substring(key.lastIndexOf('.') + 1));
        if (!(value instanceof String s) || (pattern != null && !pattern.matcher(s).matches())) {
            problems.add(ErrorCode.APP_CONFIG, key, value == null ? null : String.valueOf(value), allowed);
            return null;
        }
        return s;
    }

    private static String optionalString(final Map<?, ?> env, final String key, final Pattern pattern,
                                         final String allowed, final Problems problems) {
        Object value = env.get(key.substring(key.lastIndexOf('.') + 1));
        if (value == null) {
            return null;
        }
        return requiredString(env, key, pattern, allowed, problems);
    }

    private static int problemCount(final Problems problems) {
        return problems.size();
    }
}

package io.securevpc.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.securevpc.internal.Ipv4Cidr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The app's configuration: the {@value #CONTEXT_KEY} object of {@code cdk.json} context (or {@code -c}):
 * {@code environments}, and optionally {@code connectivity} between them ({@link ConnectivityConfig}). Every key
 * is described in {@code docs/config.md} and {@code docs/config.schema.json}. Every problem of the configuration
 * is reported at once ({@link AppConfigException}), naming the key's JSON path, the value and what is allowed;
 * a key no record has is a problem, never ignored.
 *
 * @param environments the environments, at least one
 * @param connectivity the connections between them; {@link ConnectivityConfig#NONE} when not configured
 * @param pipeline the CDK Pipelines delivery of the app, read by {@link PipelineApp} only; {@code null} when not
 *     configured
 * @param stackSet the account baseline as StackSets for organizational units ({@link BaselineStackSets});
 *     {@code null} when not configured
 */
public record BlueprintConfig(@Required List<EnvironmentConfig> environments, ConnectivityConfig connectivity,
                              PipelineConfig pipeline, StackSetConfig stackSet) {
    /** The context key holding the configuration. */
    public static final String CONTEXT_KEY = "blueprint";

    public BlueprintConfig {
        connectivity = connectivity == null ? ConnectivityConfig.NONE : connectivity;
    }

    /**
     * Parses the context value: maps and lists as {@code cdk.json} hands them over, or a JSON string as given
     * with {@code cdk synth -c blueprint='{...}'}.
     *
     * @throws AppConfigException listing every problem of the configuration
     */
    public static BlueprintConfig parse(final Object contextValue) {
        ConfigReader reader = new ConfigReader();
        JsonNode root = reader.tree(CONTEXT_KEY, contextValue);
        if (!reader.hasProblemsUnder(CONTEXT_KEY) && (root == null || !root.isObject())) {
            reader.add(CONTEXT_KEY, root, "an object with an 'environments' list in cdk.json context");
        }
        reader.throwIfAny();
        BlueprintConfig config = reader.read(CONTEXT_KEY, root, BlueprintConfig.class);
        config.validate(reader);
        reader.throwIfAny();
        return config;
    }

    private void validate(final ConfigReader reader) {
        if (pipeline != null) {
            pipeline.validate(CONTEXT_KEY + ".pipeline", reader);
        }
        if (stackSet != null) {
            stackSet.validate(CONTEXT_KEY + ".stackSet", reader);
        }
        String key = CONTEXT_KEY + ".environments";
        if (environments == null || environments.isEmpty()) {
            reader.add(key, environments, "a non-empty list of environments");
            return;
        }
        for (int i = 0; i < environments.size(); i++) {
            if (environments.get(i) == null) {
                reader.add(key + "[" + i + "]", null, "an environment");
            } else {
                environments.get(i).validate(key + "[" + i + "]", reader);
            }
        }
        checkUnique(key, reader);
        // Connections name environments: checked against the environments without problems; a reference to one
        // with problems is not reported again.
        List<EnvironmentConfig> valid = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentConfig e = environments.get(i);
            if (e != null && e.name() != null) {
                names.add(e.name());
                if (!reader.hasProblemsUnder(key + "[" + i + "]")) {
                    valid.add(e);
                }
            }
        }
        connectivity.validate(CONTEXT_KEY + ".connectivity", valid, names, reader);
    }

    private void checkUnique(final String key, final ConfigReader reader) {
        Set<String> names = new HashSet<>();
        Set<String> stacks = new HashSet<>();
        for (int i = 0; i < environments.size(); i++) {
            EnvironmentConfig e = environments.get(i);
            if (e == null) {
                continue;
            }
            if (e.name() != null && !names.add(e.name())) {
                reader.add(key + "[" + i + "].name", e.name(), "a name no other environment has");
            }
            if (e.stackName() != null && !stacks.add(e.stackName())) {
                reader.add(key + "[" + i + "].stackName", e.stackName(), "a stack name no other environment has");
            }
            samePlaceSameProfile(key, i, reader);
            subscribedWhereRequired(key, i, reader);
            for (int j = 0; j < i; j++) {
                EnvironmentConfig other = environments.get(j);
                if (other != null && Objects.equals(other.account(), e.account())
                        && Objects.equals(other.region(), e.region())
                        && AlertSubscriptions.conflict(other.alertSubscriptions(), e.alertSubscriptions())) {
                    reader.add(key + "[" + i + "].alertSubscriptions.topicArn", e.alertSubscriptions().topicArn(),
                            "the topic of environment '" + other.name() + "' ("
                                    + other.alertSubscriptions().topicArn() + ") or none: environments of one account "
                                    + "and region share their alarm and alert topics");
                }
            }
            sameBaselineInOnePlace(key, i, reader);
            Optional<Ipv4Cidr> cidr = cidr(e);
            for (int j = 0; j < i && cidr.isPresent(); j++) {
                EnvironmentConfig other = environments.get(j);
                if (cidr(other).filter(o -> o.overlaps(cidr.get())).isPresent()) {
                    reader.add(key + "[" + i + "].cidr", e.cidr(), "a range that does not overlap environment '"
                            + other.name() + "' (" + other.cidr() + "), so the two can later be peered or attached "
                            + "to one Transit Gateway (BP-MV-2)");
                }
            }
        }
    }

    /**
     * An environment whose profile (or own setting) requires alert subscriptions needs a subscriber among the
     * environments of its account and region, which share the alarm and alert topics (BP-MON-3/5). Reported once per
     * account and region, on its first environment that requires them.
     */
    private void subscribedWhereRequired(final String key, final int i, final ConfigReader reader) {
        EnvironmentConfig e = environments.get(i);
        // Judged once every environment is valid: an environment's typo'd region would move it to another place.
        if (!e.alertSubscriptionsRequired() || reader.hasProblemsUnder(key)) {
            return;
        }
        List<EnvironmentConfig> place = environments.stream().filter(o -> o != null
                && Objects.equals(o.account(), e.account()) && Objects.equals(o.region(), e.region())).toList();
        boolean subscribed = place.stream()
                .anyMatch(o -> o.alertSubscriptions() != null && !o.alertSubscriptions().isEmpty());
        boolean firstRequiring = place.stream().filter(EnvironmentConfig::alertSubscriptionsRequired).findFirst()
                .orElseThrow() == e;
        if (!subscribed && firstRequiring) {
            reader.add(key + "[" + i + "].alertSubscriptions", "no subscriber in the account and region",
                    "at least one of emails, httpsEndpoints or topicArn here or on another environment of account "
                            + (e.account() == null ? "(any)" : e.account()) + " and region "
                            + (e.region() == null ? "(any)" : e.region()) + ": "
                            + (Boolean.TRUE.equals(e.requireAlertSubscriptions()) ? "requireAlertSubscriptions is true"
                                    : "the " + e.profile().configName() + " profile requires them")
                            + ", so the security alarms and alerts must reach someone");
        }
    }

    /**
     * Environments of one account and region share their audit and detection stacks, so they declare one existing
     * baseline (or it is given on some of them only); the trail is the account's, so the environments of one account
     * name one existing trail.
     */
    private void sameBaselineInOnePlace(final String key, final int i, final ConfigReader reader) {
        EnvironmentConfig e = environments.get(i);
        for (int j = 0; j < i && e.organizationTrail() != null; j++) {
            EnvironmentConfig other = environments.get(j);
            if (other != null && other.organizationTrail() != null && Objects.equals(other.account(), e.account())
                    && !other.organizationTrail().equals(e.organizationTrail())) {
                reader.add(key + "[" + i + "].organizationTrail", "an organization trail different from environment '"
                        + other.name() + "'", "the organizationTrail of environment '" + other.name() + "' or none: "
                        + "a trail is the account's, and the environments of one account configure one");
                break;
            }
        }
        ExistingBaseline mine = e.existingBaseline();
        if (mine == null) {
            return;
        }
        for (int j = 0; j < i; j++) {
            EnvironmentConfig other = environments.get(j);
            if (other == null || other.existingBaseline() == null || !Objects.equals(other.account(), e.account())) {
                continue;
            }
            ExistingBaseline theirs = other.existingBaseline();
            if (Objects.equals(other.region(), e.region()) && ExistingBaseline.conflict(theirs, mine)) {
                reader.add(key + "[" + i + "].existingBaseline", "a baseline different from environment '"
                        + other.name() + "'", "the existingBaseline of environment '" + other.name() + "' or none: "
                        + "environments of one account and region share their audit and detection stacks");
                return;
            }
            if (mine.trail() != null && theirs.trail() != null && !mine.trail().equals(theirs.trail())) {
                reader.add(key + "[" + i + "].existingBaseline.trail", mine.trail().arn(), "the trail of environment '"
                        + other.name() + "' (" + theirs.trail().arn() + ") or none: a trail is the account's, and "
                        + "the environments of one account name one");
                return;
            }
        }
    }

    /**
     * Environments of one account and region share their audit and detection stacks and one stage, whose settings
     * (archive lock, key deletion window, alert subscriptions) come from the profile: they must share it.
     */
    private void samePlaceSameProfile(final String key, final int i, final ConfigReader reader) {
        EnvironmentConfig e = environments.get(i);
        if (e.profile() == null) {
            return;
        }
        for (int j = 0; j < i; j++) {
            EnvironmentConfig other = environments.get(j);
            if (other != null && other.profile() != null && other.profile() != e.profile()
                    && Objects.equals(other.account(), e.account()) && Objects.equals(other.region(), e.region())) {
                reader.add(key + "[" + i + "].profile", e.profile().configName(), "the profile of environment '"
                        + other.name() + "' (" + other.profile().configName() + "), which has the same account and "
                        + "region: the environments of one account and region share their audit and detection "
                        + "stacks and one stage, so they share one profile; put the other profile's environments "
                        + "in an account of their own");
                return;
            }
        }
    }

    private static Optional<Ipv4Cidr> cidr(final EnvironmentConfig e) {
        return e == null || e.cidr() == null ? Optional.empty() : Ipv4Cidr.parse(e.cidr());
    }
}

package io.securevpc.app;

import io.securevpc.internal.AwsIds;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The account baseline (audit and detection, as {@link AuditStack} and {@link DetectionStack} build them) rolled out
 * to every account of organizational units as CloudFormation StackSets with service-managed permissions
 * ({@link BaselineStackSets}), an option beside the app's own audit and detection stacks.
 *
 * @param account the organization's management account (or a delegated administrator of StackSets), where the
 *     StackSets live
 * @param region the region of the StackSets
 * @param organizationalUnitIds the organizational units ({@code ou-...}, or the root {@code r-...}) whose accounts get
 *     the baseline, now and when they join (automatic deployment)
 * @param homeRegion the accounts' home region: the trail, its alarms and the recording of global resources
 * @param otherRegions further regions with the regional part (archive, AWS Config) and the detection; empty when unset
 * @param profile the profile of the baseline (archive lock, retention, key deletion window)
 * @param alertSubscriptions who receives the alarms and alerts of every account; required by the prod and regulated
 *     profiles
 * @param configServiceLinkedRole {@code true}: the accounts have AWS Config's service-linked role; {@code null}
 *     (false): the home-region instance creates it
 */
public record StackSetConfig(@Required String account, @Required String region,
                             @Required List<String> organizationalUnitIds, @Required String homeRegion,
                             List<String> otherRegions, @Required Profile profile,
                             AlertSubscriptions alertSubscriptions, Boolean configServiceLinkedRole) {
    private static final Pattern OU_ID = Pattern.compile("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$");

    public StackSetConfig {
        organizationalUnitIds = ConfigReader.copy(organizationalUnitIds);
        otherRegions = ConfigReader.listOrEmpty(otherRegions);
    }

    /** @return the subscriptions given, or none. */
    AlertSubscriptions alerts() {
        return alertSubscriptions != null ? alertSubscriptions : new AlertSubscriptions(null, null, null);
    }

    /** Checks the values (the reader has checked their JSON types). */
    void validate(final String key, final ConfigReader reader) {
        if (account == null || !AwsIds.Format.ACCOUNT_ID.matches(account)) {
            reader.add(key + ".account", account, AwsIds.Format.ACCOUNT_ID.allowed());
        }
        for (String k : List.of("region", "homeRegion")) {
            String value = k.equals("region") ? region : homeRegion;
            if (value == null || !AwsIds.Format.REGION_NAME.matches(value)) {
                reader.add(key + "." + k, value, AwsIds.Format.REGION_NAME.allowed());
            }
        }
        if (organizationalUnitIds == null || organizationalUnitIds.isEmpty()) {
            reader.add(key + ".organizationalUnitIds", organizationalUnitIds, "a non-empty list of organizational "
                    + "unit ids (ou-...) or the root id (r-...)");
        } else {
            for (int i = 0; i < organizationalUnitIds.size(); i++) {
                String ou = organizationalUnitIds.get(i);
                if (ou == null || !OU_ID.matcher(ou).matches()) {
                    reader.add(key + ".organizationalUnitIds[" + i + "]", ou, "an organizational unit id, ou- and "
                            + "two groups of lower-case letters and digits, e.g. ou-ab12-cd34ef56, or a root id, e.g. "
                            + "r-ab12 (aws organizations list-organizational-units-for-parent)");
                }
            }
        }
        for (int i = 0; i < otherRegions.size(); i++) {
            String r = otherRegions.get(i);
            if (r == null || !AwsIds.Format.REGION_NAME.matches(r) || r.equals(homeRegion)
                    || otherRegions.subList(0, i).contains(r)) {
                reader.add(key + ".otherRegions[" + i + "]", r, "a region name other than homeRegion, listed once");
            }
        }
        if (profile == null) {
            reader.add(key + ".profile", null, "one of " + ConfigReader.enumNames(Profile.class));
        }
        if (alertSubscriptions != null) {
            alertSubscriptions.validate(key + ".alertSubscriptions", reader);
            if (alertSubscriptions.topicArn() != null) {
                reader.add(key + ".alertSubscriptions.topicArn", alertSubscriptions.topicArn(), "unset: a topic "
                        + "belongs to one account and region, and every account of the units gets its own topics "
                        + "(subscribe emails or httpsEndpoints)");
            }
        }
        if (profile != null && profile.requireAlertSubscriptions()
                && (alertSubscriptions == null || alertSubscriptions.isEmpty())) {
            reader.add(key + ".alertSubscriptions", alertSubscriptions == null ? null : "no subscriber",
                    "at least one of emails, httpsEndpoints or topicArn: the " + profile.configName()
                            + " profile requires them");
        }
    }
}

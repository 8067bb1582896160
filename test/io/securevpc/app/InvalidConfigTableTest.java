package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bad value a new user may write in the app's configuration, one row each, as an edit of the shipped
 * {@code cdk.json} configuration (which is valid): each must fail before anything is built with one
 * {@link AppConfigException} line naming the key's path, the value and what is allowed. Add a row with every new
 * key. Plain Java: no synth.
 */
class InvalidConfigTableTest {
    /**
     * One bad configuration.
     *
     * @param description what is wrong, as the test's name
     * @param edit changes the shipped configuration
     * @param path the key the problem must name
     * @param fragment a fragment of the problem's line ({@code [SVPC-020] path = value: allowed})
     */
    record Row(String description, Consumer<ObjectNode> edit, String path, String fragment) {
    }

    private static final String ENV0 = "blueprint.environments[0]";

    static ObjectNode shipped() {
        try {
            JsonNode cdkJson = ConfigReader.JSON.readTree(Path.of("cdk.json").toFile());
            return (ObjectNode) cdkJson.get("context").get(BlueprintConfig.CONTEXT_KEY).deepCopy();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode env(final ObjectNode root, final int i) {
        return (ObjectNode) root.get("environments").get(i);
    }

    private static ObjectNode link(final ObjectNode root) {
        return (ObjectNode) root.get("connectivity").get("privateLinks").get(0);
    }

    private static ObjectNode vpn(final ObjectNode root) {
        return (ObjectNode) root.get("connectivity").get("vpns").get(0);
    }

    private static Consumer<ObjectNode> zones(final String... zones) {
        return root -> {
            ArrayNode list = env(root, 0).putArray("availabilityZones");
            for (String zone : zones) {
                list.add(zone);
            }
        };
    }

    private static Consumer<ObjectNode> region(final String region, final String... zones) {
        return root -> {
            env(root, 0).put("region", region);
            zones(zones).accept(root);
        };
    }

    private static Consumer<ObjectNode> agnostic(final String... zones) {
        return root -> {
            env(root, 0).remove("region");
            zones(zones).accept(root);
        };
    }

    static List<Row> rows() {
        return List.of(
                new Row("a typo'd region with zones of the same typo", region("eu-wset-1", "eu-wset-1a", "eu-wset-1b"),
                        ENV0 + ".region", "region = 'eu-wset-1': a region AWS has (did you mean eu-west-1?); for a "
                        + "region newer than the blueprint's list, set allowUnlistedRegion: true"),
                new Row("a typo'd US region", region("us-esat-1", "us-esat-1a", "us-esat-1b"), ENV0 + ".region",
                        "did you mean us-east-1?"),
                new Row("a typo'd GovCloud region", region("us-gov-wset-1", "us-gov-wset-1a", "us-gov-wset-1b"),
                        ENV0 + ".region", "did you mean us-gov-west-1?"),
                new Row("a region without its number", region("eu-west", "eu-west-1a", "eu-west-1b"),
                        ENV0 + ".region", "region = 'eu-west': a region name, e.g. eu-west-1"),
                new Row("a region in upper case", region("EU-WEST-1", "eu-west-1a", "eu-west-1b"), ENV0 + ".region",
                        "a region name, e.g. eu-west-1"),
                new Row("a region by its display name", region("Europe (Ireland)", "eu-west-1a", "eu-west-1b"),
                        ENV0 + ".region", "a region name, e.g. eu-west-1"),
                new Row("a zone given as a region", zones("eu-west-1", "eu-west-1b"), ENV0 + ".availabilityZones[0]",
                        "availabilityZones[0] = 'eu-west-1': a zone of the region eu-west-1: the region and one "
                        + "letter, e.g. eu-west-1a"),
                new Row("a zone of another region", zones("eu-west-1a", "eu-west-2b"), ENV0 + ".availabilityZones[1]",
                        "'eu-west-2b': a zone of the region eu-west-1"),
                new Row("a zone with two letters", zones("eu-west-1a", "eu-west-1ab"),
                        ENV0 + ".availabilityZones[1]", "a zone of the region eu-west-1"),
                new Row("a zone in upper case", zones("EU-WEST-1A", "eu-west-1b"), ENV0 + ".availabilityZones[0]",
                        "a zone of the region eu-west-1"),
                new Row("a zone id instead of a zone name", zones("euw1-az1", "eu-west-1b"),
                        ENV0 + ".availabilityZones[0]", "a zone of the region eu-west-1"),
                new Row("a zone listed twice", zones("eu-west-1a", "eu-west-1b", "eu-west-1a"),
                        ENV0 + ".availabilityZones[2]", "'eu-west-1a': a zone not listed before"),
                new Row("zones of a typo'd region and no region", agnostic("eu-wset-1a", "eu-wset-1b"),
                        ENV0 + ".availabilityZones[0]", "'eu-wset-1': a region AWS has (did you mean eu-west-1?)"),
                new Row("zones of two regions and no region", agnostic("eu-west-1a", "us-east-1a"),
                        ENV0 + ".availabilityZones[1]", "'us-east-1a': a zone of the region eu-west-1"),
                new Row("a malformed first zone and no region", agnostic("zone-a", "eu-west-1b"),
                        ENV0 + ".availabilityZones[0]", "'zone-a': an Availability Zone name: the region and one "
                        + "letter, e.g. eu-west-1a"),
                new Row("one zone only", zones("eu-west-1a"), ENV0 + ".availabilityZones",
                        "a list of 2 to 6 Availability Zone names"),
                new Row("a null zone", root -> env(root, 0).putArray("availabilityZones").add("eu-west-1a").addNull(),
                        ENV0 + ".availabilityZones", "a list of 2 to 6 Availability Zone names"),
                new Row("allowUnlistedRegion as a string", root -> env(root, 0).put("allowUnlistedRegion", "yes"),
                        ENV0 + ".allowUnlistedRegion", "allowUnlistedRegion = 'yes': true or false"),
                new Row("a misspelt allowUnlistedRegion key", root -> env(root, 0).put("allowUnlistedRegions", true),
                        ENV0 + ".allowUnlistedRegions", "no such key: one of name, stackName, profile, shape, cidr, account, "
                        + "region, allowUnlistedRegion, availabilityZones, gatewayPrefixLists, blockList"),
                new Row("an 11-digit account", root -> env(root, 0).put("account", "11111111111"), ENV0 + ".account",
                        "account = '11111111111': a 12-digit account id, e.g. 111122223333"),
                new Row("an account with dashes", root -> env(root, 0).put("account", "1111-2222-3333"),
                        ENV0 + ".account", "a 12-digit account id"),
                new Row("an account as a number", root -> env(root, 0).put("account", 111122223333L),
                        ENV0 + ".account", "a string"),
                new Row("a null environment", root -> ((ArrayNode) root.get("environments")).insertNull(0),
                        ENV0, "blueprint.environments[0] = (unset): an environment"),
                new Row("an environment without a name", root -> env(root, 0).remove("name"), ENV0 + ".name",
                        "name = (unset)"),
                new Row("an environment without a CIDR", root -> env(root, 0).remove("cidr"), ENV0 + ".cidr",
                        "cidr = (unset): an IPv4 CIDR"),
                new Row("an environment without a profile", root -> env(root, 0).remove("profile"), ENV0 + ".profile",
                        "profile = (unset): one of [dev, prod, regulated]"),
                new Row("an unknown profile", root -> env(root, 0).put("profile", "production"), ENV0 + ".profile",
                        "profile = 'production': one of [dev, prod, regulated]"),
                new Row("a shape given as the profile", root -> env(root, 0).put("profile", "private-only"),
                        ENV0 + ".profile", "profile = 'private-only': one of [dev, prod, regulated]"),
                new Row("an environment without a shape", root -> env(root, 0).remove("shape"), ENV0 + ".shape",
                        "shape = (unset): one of [private-only, three-tier]"),
                new Row("two profiles in one account and region", root -> env(root, 1).put("profile", "dev"),
                        "blueprint.environments[1].profile", "profile = 'dev': the profile of environment "
                        + "'private-only' (regulated), which has the same account and region"),
                new Row("a private-only environment without gateway prefix lists",
                        root -> env(root, 0).remove("gatewayPrefixLists"), ENV0 + ".gatewayPrefixLists",
                        "gatewayPrefixLists = (unset): an object with the ids of the prefix lists "
                        + "com.amazonaws.eu-west-1.s3 and com.amazonaws.eu-west-1.dynamodb"),
                new Row("a malformed S3 prefix list id", root -> ((ObjectNode) env(root, 0).get("gatewayPrefixLists"))
                        .put("s3", "com.amazonaws.eu-west-1.s3"), ENV0 + ".gatewayPrefixLists.s3",
                        "'com.amazonaws.eu-west-1.s3': the id of the AWS-managed prefix list com.amazonaws.eu-west-1.s3: "
                        + "a prefix list id"),
                new Row("no DynamoDB prefix list id", root -> ((ObjectNode) env(root, 0).get("gatewayPrefixLists"))
                        .remove("dynamodb"), ENV0 + ".gatewayPrefixLists.dynamodb",
                        "dynamodb = (unset): the id of the AWS-managed prefix list com.amazonaws.eu-west-1.dynamodb"),
                new Row("a null block-list entry", root -> ((ArrayNode) env(root, 0).get("blockList")).insertNull(0),
                        ENV0 + ".blockList[0]", "an object with 'cidr' and a non-empty 'reason'"),
                new Row("a block-list entry without a CIDR", root -> ((ObjectNode) env(root, 0).get("blockList")
                        .get(0)).remove("cidr"), ENV0 + ".blockList[0].cidr", "the IPv4 or IPv6 range to deny"),
                new Row("a block-list entry with a blank reason", root -> ((ObjectNode) env(root, 0).get("blockList")
                        .get(0)).put("reason", " "), ENV0 + ".blockList[0].reason", "a non-empty 'reason'"),
                new Row("a certificate ARN with a short id", root -> link(root).put("certificateArn",
                        "arn:aws:acm:eu-west-1:111111111111:certificate/1234"),
                        "blueprint.connectivity.privateLinks[0].certificateArn", "an ACM certificate ARN: "
                        + "arn:<partition>:acm:<region>:<account>:certificate/<uuid>, e.g. arn:aws:acm:eu-west-1:"),
                new Row("an IAM server certificate instead of ACM", root -> link(root).put("certificateArn",
                        "arn:aws:iam::111111111111:server-certificate/web"),
                        "blueprint.connectivity.privateLinks[0].certificateArn", "an ACM certificate ARN"),
                new Row("a certificate ARN of a malformed account", root -> link(root).put("certificateArn",
                        "arn:aws:acm:eu-west-1:1111:certificate/00000000-0000-4000-8000-000000000000"),
                        "blueprint.connectivity.privateLinks[0].certificateArn", "an ACM certificate ARN"),
                new Row("a certificate of another region", root -> link(root).put("certificateArn",
                        "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000000"),
                        "blueprint.connectivity.privateLinks[0].certificateArn",
                        "a certificate in the provider's region eu-west-1 (ACM is regional)"),
                new Row("a certificate ARN missing", root -> link(root).remove("certificateArn"),
                        "blueprint.connectivity.privateLinks[0].certificateArn", "certificateArn = (unset)"),
                new Row("a VPN without its customer gateway", root -> vpn(root).remove("customerGatewayIp"),
                        "blueprint.connectivity.vpns[0].customerGatewayIp", "customerGatewayIp = (unset)"),
                new Row("the regulated profile without a subscriber in its account and region",
                        root -> env(root, 0).remove("alertSubscriptions"), ENV0 + ".alertSubscriptions",
                        "alertSubscriptions = 'no subscriber in the account and region': at least one of emails, "
                                + "httpsEndpoints or topicArn here or on another environment of account (any) and "
                                + "region eu-west-1: the regulated profile requires them"),
                new Row("the regulated profile, an empty subscription object given", root -> {
                    env(root, 0).remove("alertSubscriptions");
                    env(root, 0).putObject("alertSubscriptions").putArray("emails");
                }, ENV0 + ".alertSubscriptions", "the regulated profile requires them"),
                new Row("dev environments that require subscriptions but have none", root -> {
                    env(root, 0).remove("alertSubscriptions");
                    env(root, 0).put("profile", "dev");
                    env(root, 1).put("profile", "dev");
                    env(root, 1).put("requireAlertSubscriptions", true);
                }, "blueprint.environments[1].alertSubscriptions", "requireAlertSubscriptions is true"),
                new Row("an alert e-mail without a domain",
                        root -> env(root, 0).putObject("alertSubscriptions").putArray("emails").add("soc"),
                        ENV0 + ".alertSubscriptions.emails[0]", "emails[0] = 'soc': an e-mail address"),
                new Row("an alert endpoint over plain HTTP", root -> env(root, 0).putObject("alertSubscriptions")
                                .putArray("httpsEndpoints").add("http://alerts.example.com/aws"),
                        ENV0 + ".alertSubscriptions.httpsEndpoints[0]", "an https:// URL"),
                new Row("an alert topic given by name", root -> env(root, 0).putObject("alertSubscriptions")
                                .put("topicArn", "security-alerts"),
                        ENV0 + ".alertSubscriptions.topicArn", "an SNS topic ARN"),
                new Row("two alert topics in one account and region", root -> {
                    env(root, 0).putObject("alertSubscriptions")
                            .put("topicArn", "arn:aws:sns:eu-west-1:111122223333:alerts-a");
                    env(root, 1).putObject("alertSubscriptions")
                            .put("topicArn", "arn:aws:sns:eu-west-1:111122223333:alerts-b");
                }, "blueprint.environments[1].alertSubscriptions.topicArn", "the topic of environment 'private-only'"),
                new Row("a GuardDuty detector id with a prefix", root -> existing(root, 0)
                        .put("guardDutyDetectorId", "detector-12abc34d567e8fa901bc2d34e56789f0"),
                        ENV0 + ".existingBaseline.guardDutyDetectorId", "guardDutyDetectorId = "
                        + "'detector-12abc34d567e8fa901bc2d34e56789f0': a GuardDuty detector id: 32 hex digits"),
                new Row("a GuardDuty detector id in upper case", root -> existing(root, 0)
                        .put("guardDutyDetectorId", "12ABC34D567E8FA901BC2D34E56789F0"),
                        ENV0 + ".existingBaseline.guardDutyDetectorId", "a GuardDuty detector id: 32 hex digits"),
                new Row("a trail given by name", root -> existing(root, 0).putObject("trail")
                        .put("arn", "aws-controltower-BaselineCloudTrail"), ENV0 + ".existingBaseline.trail.arn",
                        "arn = 'aws-controltower-BaselineCloudTrail': a CloudTrail trail ARN: arn:<partition>:"
                        + "cloudtrail:<region>:<account>:trail/<name>"),
                new Row("a trail ARN of the trail's bucket", root -> existing(root, 0).putObject("trail")
                        .put("arn", "arn:aws:s3:::aws-controltower-logs-999988887777-eu-west-1"),
                        ENV0 + ".existingBaseline.trail.arn", "a CloudTrail trail ARN"),
                new Row("a trail ARN without its account", root -> existing(root, 0).putObject("trail")
                        .put("arn", "arn:aws:cloudtrail:eu-west-1::trail/org-trail"),
                        ENV0 + ".existingBaseline.trail.arn", "a CloudTrail trail ARN"),
                new Row("another account's trail with a log group", root -> {
                    env(root, 0).put("account", "111122223333");
                    existing(root, 0).putObject("trail")
                            .put("arn", "arn:aws:cloudtrail:eu-west-1:999988887777:trail/org-trail")
                            .put("logGroupName", "aws-controltower/CloudTrailLogs");
                }, ENV0 + ".existingBaseline.trail.logGroupName", "unset: the trail belongs to account 999988887777"),
                new Row("an existing baseline without a reason", root -> existing(root, 0).remove("reason"),
                        ENV0 + ".existingBaseline.reason", "reason = (unset): a non-empty reason"),
                new Row("an existing baseline naming no part", root -> {
                    env(root, 0).putObject("existingBaseline").put("reason", "Control Tower");
                }, ENV0 + ".existingBaseline", "at least one of trail, configRecorder, guardDutyDetectorId"),
                new Row("the recorder declared as a string", root -> existing(root, 0).put("configRecorder", "yes"),
                        ENV0 + ".existingBaseline.configRecorder", "configRecorder = 'yes': true or false"),
                new Row("two existing baselines in one account and region", root -> {
                    existing(root, 0);
                    env(root, 1).putObject("existingBaseline").put("reason", "Control Tower")
                            .put("configRecorder", true);
                }, "blueprint.environments[1].existingBaseline", "the existingBaseline of environment 'private-only' "
                        + "or none: environments of one account and region share their audit and detection stacks"),
                new Row("an organization trail without the environment's account", root -> organizationTrail(root), ENV0 + ".organizationTrail", "an environment with its account and region"),
                new Row("an organization id without its prefix", root -> orgTrail(root).put("organizationId",
                        "a1b2c3d4e5"), ENV0 + ".organizationTrail.organizationId", "organizationId = 'a1b2c3d4e5': an "
                        + "organization id: o- and 10 to 32 lower-case letters or digits"),
                new Row("the log archive in the environment's own account", root -> archive(root)
                        .put("accountId", "111122223333"), ENV0 + ".organizationTrail.logArchive.accountId",
                        "a separate log archive account, not the environment's own"),
                new Row("a log archive bucket name in upper case", root -> archive(root)
                        .put("bucketName", "Org-Trail-Archive"), ENV0 + ".organizationTrail.logArchive.bucketName",
                        "bucketName = 'Org-Trail-Archive': an S3 bucket name"),
                new Row("a log archive key given by alias", root -> archive(root)
                        .put("kmsKeyArn", "arn:aws:kms:eu-west-1:222222222222:alias/org-trail"),
                        ENV0 + ".organizationTrail.logArchive.kmsKeyArn", "a KMS key ARN"),
                new Row("a log archive key of another account", root -> archive(root).put("kmsKeyArn",
                        "arn:aws:kms:eu-west-1:333333333333:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
                        ENV0 + ".organizationTrail.logArchive.kmsKeyArn", "a key of the log archive account "
                        + "222222222222 in the environment's region eu-west-1"),
                new Row("an organization trail and an adopted trail", root -> {
                    orgTrail(root);
                    existing(root, 0).putObject("trail")
                            .put("arn", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/account-trail");
                }, ENV0 + ".organizationTrail", "unset when existingBaseline.trail adopts the account's trail"),
                new Row("a pipeline connection given by name", root -> pipeline(root).put("connectionArn",
                        "github-connection"), "blueprint.pipeline.connectionArn", "connectionArn = "
                        + "'github-connection': a CodeStar connection ARN"),
                new Row("a pipeline repository given as a URL", root -> pipeline(root).put("repository",
                        "https://github.com/example-org/secure-vpc"), "blueprint.pipeline.repository",
                        "owner/name, e.g. example-org/secure-vpc"),
                new Row("a pipeline without its account", root -> pipeline(root).remove("account"),
                        "blueprint.pipeline.account", "account = (unset): a 12-digit account id"),
                new Row("an organizational unit given by name", root -> stackSet(root).putArray(
                        "organizationalUnitIds").add("Workloads"), "blueprint.stackSet.organizationalUnitIds[0]",
                        "organizationalUnitIds[0] = 'Workloads': an organizational unit id"),
                new Row("a StackSet without organizational units", root -> stackSet(root)
                        .putArray("organizationalUnitIds"), "blueprint.stackSet.organizationalUnitIds",
                        "a non-empty list of organizational unit ids"),
                new Row("the home region among the other regions", root -> stackSet(root).putArray("otherRegions")
                        .add("eu-west-1"), "blueprint.stackSet.otherRegions[0]", "a region name other than "
                        + "homeRegion, listed once"),
                new Row("a prod StackSet without subscribers", root -> stackSet(root).remove("alertSubscriptions"),
                        "blueprint.stackSet.alertSubscriptions", "the prod profile requires them"),
                new Row("a StackSet publishing to one account's topic", root -> stackSet(root)
                        .putObject("alertSubscriptions").put("topicArn", "arn:aws:sns:eu-west-1:999988887777:alerts"),
                        "blueprint.stackSet.alertSubscriptions.topicArn", "unset: a topic belongs to one account"));
    }

    /** A valid StackSet configuration, to be edited. */
    private static ObjectNode stackSet(final ObjectNode root) {
        ObjectNode set = root.putObject("stackSet").put("account", "999988887777").put("region", "eu-west-1")
                .put("homeRegion", "eu-west-1").put("profile", "prod");
        set.putArray("organizationalUnitIds").add("ou-ab12-cd34ef56");
        set.putObject("alertSubscriptions").putArray("emails").add("soc@example.com");
        return set;
    }

    /** A valid pipeline configuration, to be edited. */
    private static ObjectNode pipeline(final ObjectNode root) {
        return root.putObject("pipeline").put("connectionArn", "arn:aws:codestar-connections:eu-west-1:"
                        + "999988887777:connection/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
                .put("repository", "example-org/secure-vpc").put("account", "999988887777").put("region", "eu-west-1");
    }

    /** An organization trail on environment 0 without its account (the shipped config has none). */
    private static ObjectNode organizationTrail(final ObjectNode root) {
        ObjectNode trail = env(root, 0).putObject("organizationTrail");
        trail.put("organizationId", "o-a1b2c3d4e5");
        trail.putObject("logArchive").put("accountId", "222222222222").put("bucketName", "org-trail-archive-1")
                .put("kmsKeyArn", "arn:aws:kms:eu-west-1:222222222222:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
        return trail;
    }

    /** A valid organization trail on environment 0, given account 111122223333, to be edited. */
    private static ObjectNode orgTrail(final ObjectNode root) {
        env(root, 0).put("account", "111122223333");
        env(root, 1).put("account", "111122223333");
        return organizationTrail(root);
    }

    private static ObjectNode archive(final ObjectNode root) {
        return (ObjectNode) orgTrail(root).get("logArchive");
    }

    /** A valid existing baseline on environment {@code i} (a detector), to be edited. */
    private static ObjectNode existing(final ObjectNode root, final int i) {
        ObjectNode baseline = env(root, i).putObject("existingBaseline");
        baseline.put("reason", "AWS Control Tower landing zone");
        baseline.put("guardDutyDetectorId", "12abc34d567e8fa901bc2d34e56789f0");
        return baseline;
    }

    @TestFactory
    Stream<DynamicTest> failsWithThePathTheValueAndWhatIsAllowed() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.description(), () -> {
            ObjectNode config = shipped();
            row.edit().accept(config);
            AppConfigException e = assertThrows(AppConfigException.class, () -> BlueprintConfig.parse(
                    ConfigReader.JSON.writeValueAsString(config)));
            assertTrue(e.getProblems().stream().anyMatch(p -> p.path().equals(row.path())
                            && p.render().contains(row.fragment())),
                    () -> "expected " + row.path() + " containing '" + row.fragment() + "' in:\n" + e.getMessage());
        }));
    }

    @Test
    void tableHasAtLeastTwentyFiveCases() {
        assertTrue(rows().size() >= 25, "rows: " + rows().size());
    }

    @Test
    void shippedConfigurationIsValid() {
        assertEquals(2, BlueprintConfig.parse(shipped().toString()).environments().size());
    }

    /** The escape hatch: a region newer than the list is accepted when the environment says so. */
    @Test
    void acceptsAnUnlistedRegionWhenAllowed() {
        ObjectNode config = shipped();
        config.remove("connectivity");
        for (int i = 0; i < 2; i++) {
            env(config, i).put("region", "ap-newregion-1").put("allowUnlistedRegion", true);
            env(config, i).putArray("availabilityZones").add("ap-newregion-1a").add("ap-newregion-1b");
        }
        EnvironmentConfig e = BlueprintConfig.parse(config.toString()).environments().get(0);
        assertEquals("ap-newregion-1", e.region());
        assertEquals(Boolean.TRUE, e.allowUnlistedRegion());
    }

    /** The escape hatch accepts a region the list lacks, never a malformed one or zones of another region. */
    @Test
    void failsOnAMalformedRegionOrForeignZonesEvenWhenUnlistedRegionsAreAllowed() {
        ObjectNode config = shipped();
        region("ap-newregion-1", "ap-newregion-1a", "eu-west-1b").accept(config);
        env(config, 0).put("allowUnlistedRegion", true);
        env(config, 1).put("region", "eu west 1").put("allowUnlistedRegion", true);
        AppConfigException e = assertThrows(AppConfigException.class, () -> BlueprintConfig.parse(config.toString()));
        assertEquals(List.of("blueprint.environments[0].availabilityZones[1]", "blueprint.environments[1].region"),
                e.getProblems().stream().map(AppConfigException.Problem::path).toList(), e.getMessage());
    }

    /** A typo'd region is one problem, not one more per zone of the same typo. */
    @Test
    void failsOnATypodRegionOnceNotPerZone() {
        ObjectNode config = shipped();
        region("eu-wset-1", "eu-wset-1a", "eu-wset-1b", "eu-wset-1c").accept(config);
        AppConfigException e = assertThrows(AppConfigException.class, () -> BlueprintConfig.parse(config.toString()));
        assertEquals(List.of("blueprint.environments[0].region"),
                e.getProblems().stream().map(AppConfigException.Problem::path).toList(), e.getMessage());
    }
}

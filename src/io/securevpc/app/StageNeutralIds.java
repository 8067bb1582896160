package io.securevpc.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupEgress;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.CfnSubnetNetworkAclAssociation;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Subnet;
import software.constructs.IConstruct;

/**
 * Keeps the logical ids of a stage's stacks what they were before the app put its stacks in stages. CDK names a few
 * resources after another construct's unique id, which is computed from the construct's full path, and so includes
 * the stage: a security-group rule that references a group ({@code AppSecurityGroupfrom<group's unique id>443...})
 * and a subnet's NACL association ({@code <acl>DefaultAssociation<subnet's unique id>}). Moved into a stage, those
 * would be new resources, and CloudFormation would create the new rule before deleting the old one, which EC2
 * refuses as a duplicate. This gives each such resource the logical id CDK computes for the same tree without the
 * stage, with CDK's own algorithm ({@link #uniqueId}); every other logical id does not depend on the stage.
 *
 * <p>jsii: one call listing each stack's constructs, two per security group and subnet, three per rewritten
 * resource.
 */
final class StageNeutralIds {
    /** CDK's construct id that is left out of unique ids ({@code Default}) and from their human part ({@code Resource}). */
    private static final String HIDDEN_ID = "Default";
    private static final String HIDDEN_FROM_HUMAN_ID = "Resource";
    private static final int HASH_LEN = 8;
    private static final int MAX_HUMAN_LEN = 240;
    private static final int MAX_ID_LEN = 255;

    private StageNeutralIds() {
    }

    /** Rewrites the logical ids of the stage's stacks that name another construct's path. */
    static void apply(final Stage stage, final List<? extends Stack> stacks) {
        // the unique id of a construct of the stage starts with the stage's and its stack's letters and digits
        List<String> stagePrefixes = stacks.stream().map(s -> removeNonAlphanumeric(stage.getNode().getId())
                + removeNonAlphanumeric(s.getNode().getId())).toList();
        Map<String, List<IConstruct>> constructs = new LinkedHashMap<>();
        Map<String, String> neutral = new LinkedHashMap<>();
        for (Stack stack : stacks) {
            List<IConstruct> all = stack.getNode().findAll();
            constructs.put(stack.getNode().getId(), all);
            for (IConstruct c : all) {
                if (c instanceof SecurityGroup || c instanceof Subnet) {
                    neutral.put(Names.uniqueId(c), uniqueId(withoutStage(c.getNode().getPath())));
                }
            }
        }
        for (Stack stack : stacks) {
            for (IConstruct c : constructs.get(stack.getNode().getId())) {
                if (c instanceof CfnSecurityGroupIngress || c instanceof CfnSecurityGroupEgress
                        || c instanceof CfnSubnetNetworkAclAssociation) {
                    rename((CfnResource) c, stagePrefixes, neutral);
                }
            }
        }
    }

    private static void rename(final CfnResource resource, final List<String> stagePrefixes,
                               final Map<String, String> neutral) {
        // path: stage / stack / ... ; the logical id is computed from the components after the stack, and the one
        // naming another construct is the resource's id or, for an L2's Resource, its parent's
        List<String> components = new ArrayList<>(withoutStage(resource.getNode().getPath()));
        components.remove(0);
        if (components.stream().noneMatch(c -> stagePrefixes.stream().anyMatch(c::contains))) {
            return;
        }
        List<String> neutralComponents = new ArrayList<>();
        for (String component : components) {
            String n = component;
            for (Map.Entry<String, String> e : neutral.entrySet()) {
                n = n.replace(e.getKey(), e.getValue());
            }
            if (stagePrefixes.stream().anyMatch(n::contains)) {
                throw new IllegalStateException("The logical id of " + resource.getNode().getPath() + " names a "
                        + "construct of the stage that is neither a security group nor a subnet; add it to "
                        + "StageNeutralIds");
            }
            neutralComponents.add(n);
        }
        resource.overrideLogicalId(uniqueId(neutralComponents));
    }

    private static List<String> withoutStage(final String path) {
        List<String> components = new ArrayList<>(Arrays.asList(path.split("/")));
        components.remove(0);
        return components;
    }

    /**
     * CDK's {@code makeUniqueId} (aws-cdk-lib {@code core/lib/private/uniqueid.ts}): the path's components without
     * {@code Default}; one component alone is its letters and digits; otherwise the components' letters and digits
     * (consecutive duplicates and {@code Resource} left out, at most 240 characters) and the first 8 hex digits of
     * the MD5 of the components joined by '/', upper case.
     */
    static String uniqueId(final List<String> path) {
        List<String> components = path.stream().filter(c -> !HIDDEN_ID.equals(c)).toList();
        if (components.isEmpty()) {
            throw new IllegalArgumentException("No path to name");
        }
        if (components.size() == 1) {
            String candidate = removeNonAlphanumeric(components.get(0));
            if (candidate.length() <= MAX_ID_LEN) {
                return candidate;
            }
        }
        List<String> deduped = new ArrayList<>();
        for (String c : components) {
            if (deduped.isEmpty() || !deduped.get(deduped.size() - 1).endsWith(c)) {
                deduped.add(c);
            }
        }
        StringBuilder human = new StringBuilder();
        deduped.stream().filter(c -> !HIDDEN_FROM_HUMAN_ID.equals(c)).map(StageNeutralIds::removeNonAlphanumeric)
                .forEach(human::append);
        String humanPart = human.length() > MAX_HUMAN_LEN ? human.substring(0, MAX_HUMAN_LEN) : human.toString();
        return humanPart + md5(String.join("/", components)).substring(0, HASH_LEN).toUpperCase(java.util.Locale.ROOT);
    }

    private static String removeNonAlphanumeric(final String s) {
        return s.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String md5(final String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.securevpc.AppContext;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Renaming an environment without replacing its connections (docs/config.md): with {@code stackName} and the
 * connections' ids set to the values derived from the old name, the renamed configuration builds the same construct
 * ids, so the same logical ids.
 */
class ExplicitConfigIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The construct ids of the connections, per stack: what the logical ids of their resources derive from. */
    private static TreeSet<String> connectionIds(final Map<String, Object> blueprint) {
        Map<String, Object> context = new java.util.HashMap<>(AppContext.cdkJsonContext());
        context.put(BlueprintConfig.CONTEXT_KEY, blueprint);
        App app = App.Builder.create().context(context).build();
        TreeSet<String> ids = new TreeSet<>();
        for (IConstruct stack : BlueprintApp.buildStacks(app).stages().stream()
                .flatMap(stage -> stage.getNode().getChildren().stream()).toList()) {
            for (IConstruct c : stack.getNode().getChildren()) {
                String id = c.getNode().getId();
                if (id.startsWith("PrivateLink-") || id.startsWith("Peering-") || id.startsWith("Attachment-")) {
                    ids.add(((Stack) stack).getStackName() + "/" + id);
                    c.getNode().getChildren().stream().map(r -> r.getNode().getId()).filter(r -> r.startsWith("To-"))
                            .forEach(r -> ids.add(((Stack) stack).getStackName() + "/" + id + "/" + r));
                }
            }
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    @Test
    void renamingAnEnvironmentWithItsDerivedIdsPinnedKeepsEveryConnectionsConstructId() throws Exception {
        Map<String, Object> shipped = (Map<String, Object>) AppContext.cdkJsonContext().get(BlueprintConfig.CONTEXT_KEY);
        TreeSet<String> before = connectionIds(shipped);
        assertEquals(List.of("SecureVpc-Connectivity-eu-west-1/Attachment-private-only",
                "SecureVpc-Connectivity-eu-west-1/Attachment-private-only/To-three-tier1",
                "SecureVpc-Connectivity-eu-west-1/Attachment-private-only/To-three-tier2",
                "SecureVpc-Connectivity-eu-west-1/Attachment-three-tier",
                "SecureVpc-Connectivity-eu-west-1/Attachment-three-tier/To-private-only1",
                "SecureVpc-Connectivity-eu-west-1/Attachment-three-tier/To-private-only2",
                "SecureVpc-Connectivity-eu-west-1/Peering-three-tier-private-only",
                "SecureVpc-PrivateOnly/PrivateLink-three-tier-443",
                "SecureVpc-ThreeTier/PrivateLink-private-only-443"), List.copyOf(before));

        // GIVEN private-only renamed to "isolated", every id derived from its old name pinned
        ObjectNode renamed = JSON.valueToTree(shipped);
        String text = renamed.toString().replace("\"private-only\"", "\"isolated\"")
                .replace("\"shape\":\"isolated\"", "\"shape\":\"private-only\"");
        ObjectNode blueprint = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) blueprint.at("/connectivity/transitGateway/attachments/0")).put("id", "private-only");
        ((ObjectNode) blueprint.at("/connectivity/peerings/0")).put("id", "three-tier-private-only");
        ((ObjectNode) blueprint.at("/connectivity/privateLinks/0")).put("serviceId", "private-only-443");
        assertEquals("isolated", blueprint.at("/environments/0/name").asText());

        // THEN the same construct ids
        assertEquals(before, connectionIds(JSON.convertValue(blueprint, Map.class)));
    }
}

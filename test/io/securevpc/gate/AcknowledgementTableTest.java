package io.securevpc.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securevpc.gate.AcknowledgementInventory.Entry;
import io.securevpc.gate.AcknowledgementInventory.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown table of an app's acknowledgements: one row per reason, author and ids, paths folded. */
class AcknowledgementTableTest {
    private static final String REASON = "Tier NACLs are a deliberate layer of the blueprint | by design";

    private static AcknowledgementReport ack(final String rule, final String path, final String source,
                                             final String by) {
        return new AcknowledgementReport(new Entry(rule, path, "", REASON, source, by, Scope.RESOURCE, null),
                List.of(), List.of());
    }

    @Test
    void foldsTheDifferingPartOfEachPathSegment() {
        assertEquals("A-*/Network/*Acl/Resource", AcknowledgementTable.glob(List.of("A-One/Network/appAcl/Resource",
                "A-Two/Network/dataAcl/Resource")));
        assertEquals("Stack/Bucket*/Resource", AcknowledgementTable.glob(List.of("Stack/Bucket/Resource",
                "Stack/BucketLogs/Resource")));
    }

    @Test
    void rendersOneRowPerReasonAuthorAndIdsWithTheNumberOfResources() {
        String table = AcknowledgementTable.render(List.of(
                ack("AwsSolutions-VPC3", "A-One/Network/appAcl/Resource", "library", "io.securevpc.network.TierNacls"),
                ack("AwsSolutions-VPC3", "A-Two/Network/dataAcl/Resource", "library", "io.securevpc.network.TierNacls"),
                ack("AwsSolutions-EC23", "A-One/Lb/Group/Resource", "app", "com.example.NetworkStack"),
                ack("AwsSolutions-S1", "A-One/Logs/Resource", "app", "")));

        assertEquals(AcknowledgementTable.HEADER
                + "| `A-*/Network/*Acl/Resource` (2) | `AwsSolutions-VPC3` | library: `TierNacls` | Tier NACLs are a "
                + "deliberate layer of the blueprint \\| by design |\n"
                + "| `A-One/Lb/Group/Resource` | `AwsSolutions-EC23` | app: `NetworkStack` | Tier NACLs are a deliberate "
                + "layer of the blueprint \\| by design |\n"
                + "| `A-One/Logs/Resource` | `AwsSolutions-S1` | app: recorded without Acknowledgements | Tier NACLs are "
                + "a deliberate layer of the blueprint \\| by design |\n", table);
    }
}

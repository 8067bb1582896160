package io.securevpc.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The published flow-log records of {@code test/samples/flow-logs/blueprint-format-v5.txt} (AWS VPC User Guide, in the
 * blueprint's field order; provenance in the samples README), and variants a test derives from them by setting named
 * fields: the derivation is the test's, the rest of the record is AWS's.
 */
final class FlowLogRecords {
    static final Path FILE = Path.of("test", "samples", "flow-logs", "blueprint-format-v5.txt");
    /** The subnet and VPC of the published records. */
    static final String SUBNET = "subnet-aaaaaaaa012345678";

    private FlowLogRecords() {
    }

    /** @return the file's format line, without {@code # format: } */
    static String format() {
        return lines().get(0).substring("# format: ".length());
    }

    /** @return the published ingress record: S3 (52.95.128.179:80) to the instance 10.0.0.71, accepted. */
    static String ingressFromS3() {
        return records().get(0);
    }

    /** @return the published egress record: the instance 10.0.0.71 to S3 (52.95.128.179:80), accepted. */
    static String egressToS3() {
        return records().get(1);
    }

    /**
     * @param changes pairs of a field name (as in {@link FlowLogFormat#FIELDS}) and its new value
     * @return the record with those fields set
     */
    static String with(final String record, final String... changes) {
        String[] values = record.trim().split("\\s+");
        for (int i = 0; i < changes.length; i += 2) {
            int index = FlowLogFormat.FIELDS.indexOf(changes[i]);
            if (index < 0) {
                throw new IllegalArgumentException("no field " + changes[i]);
            }
            values[index] = changes[i + 1];
        }
        return String.join(" ", values);
    }

    private static List<String> records() {
        return lines().stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    private static List<String> lines() {
        try {
            return Arrays.asList(Files.readString(FILE).split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.securevpc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securevpc.gate.ComplianceReport;
import io.securevpc.gate.ServiceQuotas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service quotas of every profile and shape of the app, as the gate measured them at synth and wrote them to
 * {@code compliance-report.json}: every quota is measured, none is exceeded, and the uses at 80 % or more are these.
 */
class AppQuotasTest {
    private static JsonNode limits() throws IOException {
        return new ObjectMapper().readTree(SynthesizedApps.profileMatrix().outdir()
                .resolve(ComplianceReport.JSON_FILE).toFile()).path("limits");
    }

    @Test
    void everyQuotaIsMeasuredAndNoneExceeded() throws IOException {
        Set<String> measured = new TreeSet<>();
        List<String> over = new ArrayList<>();
        for (JsonNode row : limits()) {
            measured.add(row.path("quota").asText());
            if (row.path("used").asInt() > row.path("limit").asInt() || "OVER_LIMIT".equals(row.path("verdict").asText())) {
                over.add(row.toString());
            }
        }
        assertEquals(new TreeSet<>(Stream.of(ServiceQuotas.Quota.values()).map(Enum::name).toList()), measured);
        assertEquals(List.of(), over);
    }

    /**
     * Near a quota: the outbound entries of the private-only app tier's network ACL in prod and regulated, which
     * leave two entries for the deny entries malicious-IP blocking adds at run time.
     */
    @Test
    void theUsesNearAQuotaAreKnown() throws IOException {
        List<String> near = new ArrayList<>();
        for (JsonNode row : limits()) {
            if ("NEAR_LIMIT".equals(row.path("verdict").asText())) {
                near.add(row.path("path").asText() + " " + row.path("quota").asText() + " " + row.path("used").asInt());
            }
        }
        assertEquals(List.of(), near);
    }
}

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service quotas of every profile and shape of the app, as the gate measured them at synth and wrote them to
 * {@code compliance-report.json}: every quota is measured, none is exceeded, and the uses at 80 % or more are these.
 */
class AppQuotasTest {
    private static JsonNode limits(final String app) throws IOException {
        return new ObjectMapper().readTree((app.equals("shipped app") ? SynthesizedApps.shippedAppOutdir()
                : SynthesizedApps.profileMatrix().outdir()).resolve(ComplianceReport.JSON_FILE).toFile()).path("limits");
    }

    static Stream<String> apps() {
        return Stream.of("profile matrix", "shipped app");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyQuotaIsMeasuredAndNoneExceeded(final String app) throws IOException {
        Set<String> measured = new TreeSet<>();
        List<String> over = new ArrayList<>();
        for (JsonNode row : limits(app)) {
            measured.add(row.path("quota").asText());
            if (row.path("used").asInt() > row.path("limit").asInt() || "OVER_LIMIT".equals(row.path("verdict").asText())) {
                over.add(row.toString());
            }
        }
        assertEquals(new TreeSet<>(Stream.of(ServiceQuotas.Quota.values()).map(Enum::name).toList()), measured);
        assertEquals(List.of(), over);
    }

    /**
     * Near a quota: in the shipped app, the outbound entries of the private-only environment's app-tier network ACL
     * (its PrivateLink consumer adds entries), which leave two for the deny entries malicious-IP blocking adds at run
     * time; nothing in the profile matrix.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void theUsesNearAQuotaAreKnown(final String app) throws IOException {
        List<String> near = new ArrayList<>();
        for (JsonNode row : limits(app)) {
            if ("NEAR_LIMIT".equals(row.path("verdict").asText())) {
                near.add(row.path("path").asText() + " " + row.path("quota").asText() + " " + row.path("used").asInt());
            }
        }
        assertEquals(app.equals("shipped app") ? List.of("regulated-eu-west-1/SecureVpc-PrivateOnly/Network/appAcl/"
                + "Resource NETWORK_ACL_OUTBOUND_ENTRIES 18") : List.of(), near);
    }
}

package io.securevpc.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.AppContext;
import io.securevpc.compliance.AuditBaselineDeclaration;
import io.securevpc.gate.ComplianceGate;
import io.securevpc.gate.GatedPack;
import io.securevpc.nag.BlueprintChecks;
import io.securevpc.nag.rules.audit.AuditBaselinePresent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;

/**
 * The corpus of misconfigured consumer apps ({@link Corpus}) through the compliance gate: every seeded violation is
 * flagged by the rule meant to catch it, and its compliant twin has no finding of that rule and no error at all.
 * All apps are stacks of one app, synthesized and gated once (one JVM, one jsii, one synth). The gate runs
 * BlueprintChecks alone: the stock packs would drown each case's one point in findings on the bare L1 resources
 * the cases are made of.
 */
class ConsumerCorpusTest {
    /** Findings by stack id: "rule id (severity)". */
    private static final Map<String, List<String>> FINDINGS = new TreeMap<>();
    private static long millis;

    @BeforeAll
    static void gateEveryApp() {
        long start = System.nanoTime();
        App app = AppContext.app();
        for (CorpusCase c : Corpus.CASES) {
            for (boolean bad : List.of(true, false)) {
                Stack stack = new Stack(app, stackId(c, bad));
                AuditBaselinePresent.declareExisting(stack, "The corpus apps run in an account whose landing zone has "
                        + "the audit baseline", List.of(AuditBaselineDeclaration.CLOUDTRAIL,
                        AuditBaselineDeclaration.CONFIG, AuditBaselineDeclaration.GUARDDUTY));
                c.build().accept(stack, bad);
            }
        }
        ComplianceGate gate = ComplianceGate.builder().stockPacks(List.of()).cloudFormationValidation(false)
                .report(false).verdictStream(null).build(app);
        try {
            app.synth();
        } catch (RuntimeException e) {
            // the violating apps fail validation; the verdicts below say which rule failed which app
            if (!String.valueOf(e.getMessage()).contains("Validation failed")) {
                throw e;
            }
        }
        // every pack's findings: the gate's own (a refused acknowledgement) come in its own verdict
        for (PolicyViolation v : gate.verdicts().values().stream().flatMap(p -> p.violations().stream()).toList()) {
            for (PolicyViolatingResource r : v.getViolatingResources()) {
                String stack = r.getConstructPath().split("/")[0];
                FINDINGS.computeIfAbsent(stack, k -> new ArrayList<>()).add(v.getRuleName() + " (" + v.getSeverity() + ")");
            }
        }
        // a refused acknowledgement is the gate's own fatal finding, reported with the gate's list of them
        gate.acknowledgements().stream().filter(a -> a.refused()).forEach(a -> FINDINGS.computeIfAbsent(
                a.entry().path().split("/")[0], k -> new ArrayList<>()).add("SecureVpc-AcknowledgementRefused (fatal)"));
        millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("[corpus] " + Corpus.CASES.size() + " cases, " + 2 * Corpus.CASES.size()
                + " apps gated in " + millis + " ms");
    }

    private static String stackId(final CorpusCase c, final boolean bad) {
        return c.name() + (bad ? "-Violation" : "-Twin");
    }

    /** @param rule a BlueprintChecks rule (class name), or a gate's own rule id ({@code SecureVpc-...}) */
    private static boolean isRule(final String finding, final String rule) {
        String id = rule.contains("-") ? rule : BlueprintChecks.PACK_NAME + "-" + rule;
        return finding.startsWith(id + " ") || finding.startsWith(id + "[");
    }

    @Test
    void holdsAtLeastTwentyFiveCasesWithDistinctNamesForEveryNewRule() {
        assertTrue(Corpus.CASES.size() >= 25, "cases: " + Corpus.CASES.size());
        Set<String> names = new HashSet<>();
        Corpus.CASES.forEach(c -> assertTrue(names.add(c.name()), c.name()));
        Set<String> rules = new HashSet<>(Corpus.CASES.stream().map(CorpusCase::rule).toList());
        assertTrue(rules.containsAll(List.of("IsolatedVpcHasS3GatewayEndpoint", "NetworkAclNoWorldInboundWithoutInternetRoute",
                "TransitGatewayNoDefaultRouteTableOrAutoAccept", "VpnTunnelStrongCrypto", "PeeringRouteSpecific",
                "SecureVpc-NestedStackNotChecked", "SecureVpc-AcknowledgementRefused")), rules.toString());
    }

    @TestFactory
    Stream<DynamicTest> flagsEveryViolationWithItsRule() {
        return Corpus.CASES.stream().map(c -> DynamicTest.dynamicTest(c.name() + " (" + c.guidance() + ")", () -> {
            List<String> found = FINDINGS.getOrDefault(stackId(c, true), List.of());
            assertTrue(found.stream().anyMatch(f -> isRule(f, c.rule())), c.rule() + " not among " + found);
        }));
    }

    @TestFactory
    Stream<DynamicTest> passesEveryTwinWithoutAnyError() {
        return Corpus.CASES.stream().map(c -> DynamicTest.dynamicTest(c.name() + " twin", () -> {
            List<String> found = FINDINGS.getOrDefault(stackId(c, false), List.of());
            assertEquals(List.of(), found.stream().filter(f -> isRule(f, c.rule()) || f.endsWith("(error)")
                    || f.endsWith("(fatal)")).toList());
        }));
    }
}

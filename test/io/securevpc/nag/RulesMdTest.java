package io.securevpc.nag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.securevpc.compliance.DeprecatedRuleIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code RULES.md} is generated from the pack's table ({@link RuleTable}): this test compares the whole file and
 * fails when it differs; run with {@code -Dsecurevpc.updateRules=true} it writes the file first.
 */
class RulesMdTest {
    private static final Path FILE = Path.of("RULES.md");
    private static final String UPDATE_PROPERTY = "securevpc.updateRules";
    private static final String REGENERATE =
            "mvn -B -q test -Dtest=RulesMdTest -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

    @Test
    void rulesMdIsTheMarkdownOfThePacksTable() throws IOException {
        String generated = render(RuleTable.RULES);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(FILE, generated);
        }
        String difference = firstDifference(Files.readString(FILE), generated);
        if (difference != null) {
            fail("RULES.md is generated from io.securevpc.nag.RuleTable and differs from it: " + difference
                    + "\nRegenerate it: " + REGENERATE);
        }
    }

    @Test
    void namesTheFirstDifferingLine() {
        assertEquals("line 2 is 'b' in RULES.md but 'c' in the table",
                firstDifference("a\nb\nd\n", "a\nc\nd\n"));
        assertEquals("line 3 is '' in RULES.md but 'e' in the table", firstDifference("a\nb\n", "a\nb\ne\n"));
        assertNull(firstDifference("a\nb\n", "a\nb\n"));
    }

    /** @return where {@code actual} first differs from {@code expected}, or {@code null} when they are equal */
    static String firstDifference(final String actual, final String expected) {
        if (actual.equals(expected)) {
            return null;
        }
        String[] a = actual.split("\n", -1);
        String[] e = expected.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, e.length); i++) {
            String left = i < a.length ? a[i] : "";
            String right = i < e.length ? e[i] : "";
            if (!left.equals(right)) {
                return "line " + (i + 1) + " is '" + left + "' in RULES.md but '" + right + "' in the table";
            }
        }
        return "the line endings differ";
    }

    /** @return the whole of RULES.md for the given table. */
    static String render(final List<RuleSpec> rules) {
        StringBuilder md = new StringBuilder();
        md.append("# Rules of the BlueprintChecks pack\n\n");
        md.append("<!-- Generated from io.securevpc.nag.RuleTable by test/io/securevpc/nag/RulesMdTest.java: do not edit."
                + " -->\n");
        md.append("This file is generated from the pack's table (`io.securevpc.nag.RuleTable`): `RulesMdTest` fails "
                + "when it differs\nfrom the table. After changing the table, regenerate it with\n`" + REGENERATE
                + "`.\n\n");
        md.append("The project's own cdk-nag v3 pack (`io.securevpc.nag.BlueprintChecks`). Every rule is one class in\n"
                + "`io.securevpc.nag.rules.<service>`, and its id is `BlueprintChecks-<class name>` (as cdk-nag "
                + "derives a rule's id from its\nfile name). A finding that concerns one part of a resource has a "
                + "granular id `BlueprintChecks-<Rule>[<finding>]` that\ncan be acknowledged on its own "
                + "(`io.securevpc.compliance.Acknowledgements`). ERROR findings fail synth through the gate\n"
                + "(`io.securevpc.gate.ComplianceGate`); WARN findings are reported. Every finding's message ends with "
                + "the rule's\n\"Fix:\" line (the *How to fix* column).\n\n");
        md.append("**Intrinsic values.** Rules read the synthesized template and resolve what synth can resolve: "
                + "`Ref`/`Fn::GetAtt` of\nresources in the same stack, `Fn::ImportValue` of another stack's export, "
                + "the literal CIDR behind\n`Fn::GetAtt [Vpc, CidrBlock]`, and the IPv6 block of a VPC or subnet "
                + "(never the whole internet). Anything else a\nrule needs (a parameter, a condition, a resource "
                + "outside the app) gives the finding `<Rule>[CannotCheck-<Property>]`\nat the rule's level, with a "
                + "message naming the value: the rule fails closed and never throws.\n\n");
        md.append("**Markers the rules read** (package `io.securevpc.compliance`, which constructs may use). A security "
                + "group is *public*\nwhen tagged `securevpc:public-ingress=true` (`PublicIngressMarker`; "
                + "`TierSecurityGroup` sets it when given\n`publicIngressPorts`). A subnet is in the *public tier* when "
                + "tagged `aws-cdk:subnet-type=Public` (the CDK's `Vpc`, and so\n`SecureVpc`, tags every subnet "
                + "`Public`, `Private` or `Isolated`). An app declares that its accounts already have the audit\n"
                + "baseline with `AuditBaselineDeclaration.declare(stack, reason, parts)` (template metadata\n"
                + "`securevpc:existing-audit-baseline`).\n\n");
        for (RuleCategory category : RuleCategory.values()) {
            List<RuleSpec> group = rules.stream().filter(r -> r.category() == category).toList();
            if (group.isEmpty()) {
                continue;
            }
            md.append("## ").append(category.title()).append("\n\n");
            md.append("| Id | Level | What is checked | Why | How to fix | Best practices | Granular finding ids | Class |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            for (RuleSpec r : group) {
                String checked = r.detail().isEmpty() ? r.info() : r.info() + " " + r.detail();
                md.append("| ").append(r.id()).append(" | ").append(r.level().name()).append(" | ").append(cell(checked))
                        .append(" | ").append(cell(r.explanation())).append(" | ")
                        .append(cell(r.fix())).append(" | ").append(String.join(", ", r.bestPractices())).append(" | ")
                        .append(r.findingIds().isEmpty() ? "none" : cell(r.findingIds())).append(" | `")
                        .append(r.rule().getClass().getName()).append("` |\n");
            }
            md.append('\n');
        }
        md.append("Every rule also has `[CannotCheck-<Property>]` for a value synth cannot resolve.\n\n");
        md.append("## Renamed ids\n\nUntil the next release an acknowledgement may still use a rule's old id: "
                + "`Acknowledgements` records it under\nthe new id, and the pack also honours an old id recorded with "
                + "`Validations.of(resource).acknowledge(...)`; both\nwarn at synth, naming the old and the new id "
                + "(`io.securevpc.compliance.DeprecatedRuleIds`).\n\n| Old id | Id |\n|---|---|\n");
        Map<String, String> renamed = new TreeMap<>(DeprecatedRuleIds.RENAMED);
        renamed.forEach((old, id) -> md.append("| ").append(old).append(" | ").append(id).append(" |\n"));
        return md.toString();
    }

    private static String cell(final String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}

package io.securevpc.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jetbrains.annotations.NotNull;

/**
 * An app's acknowledgements as a Markdown table, generated from the gate's list ({@link ComplianceGate#acknowledgements()}),
 * for the app's documentation: one row per reason, who made it and rule ids, the construct paths of its resources
 * folded into one pattern ({@code *} stands for the differing part of a path segment).
 */
public final class AcknowledgementTable {
    /** The table's header, two lines. */
    public static final String HEADER = "| resources (construct path) | rule ids | made by | reason |\n|---|---|---|---|\n";

    private AcknowledgementTable() {
    }

    /** @return the table: {@link #HEADER}, then one line per row, sorted. */
    public static @NotNull String render(final @NotNull List<AcknowledgementReport> acknowledgements) {
        // one acknowledging call: one path, one reason, one author, several ids
        Map<List<String>, TreeSet<String>> idsByCall = new TreeMap<>(AcknowledgementTable::compare);
        for (AcknowledgementReport a : acknowledgements) {
            var e = a.entry();
            idsByCall.computeIfAbsent(List.of(e.path(), e.reason(), madeBy(e)), k -> new TreeSet<>()).add(e.rule());
        }
        // one row: the same ids, reason and author on paths of the same depth
        Map<List<String>, List<String>> pathsByRow = new TreeMap<>(AcknowledgementTable::compare);
        idsByCall.forEach((call, ids) -> pathsByRow.computeIfAbsent(List.of(String.join(", ", ids.stream()
                        .map(id -> "`" + id + "`").toList()), call.get(1), call.get(2),
                String.valueOf(call.get(0).split("/", -1).length)), k -> new ArrayList<>()).add(call.get(0)));
        TreeMap<String, String> rows = new TreeMap<>();
        pathsByRow.forEach((row, paths) -> {
            String glob = glob(paths);
            String line = "| `" + (glob.isEmpty() ? "(the app)" : glob) + "`" + (paths.size() > 1 ? " (" + paths.size()
                    + ")" : "") + " | " + row.get(0) + " | " + row.get(2) + " | " + cell(row.get(1)) + " |\n";
            rows.put(glob + "\u0000" + row.get(0) + "\u0000" + row.get(1) + "\u0000" + row.get(2), line);
        });
        return HEADER + String.join("", rows.values());
    }

    private static int compare(final List<String> a, final List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static String madeBy(final AcknowledgementInventory.Entry e) {
        if (e.cdkOwn()) {
            return "aws-cdk-lib";
        }
        String by = e.by().isEmpty() ? "recorded without Acknowledgements" : "`" + e.by().substring(
                e.by().lastIndexOf('.') + 1) + "`";
        return e.source() + ": " + by;
    }

    private static String cell(final String text) {
        return text.replace("|", "\\|").replaceAll("\\s+", " ").strip();
    }

    /**
     * @return one pattern for paths of the same depth: segments that differ become their common prefix, {@code *}
     *     and their common suffix, e.g. {@code A-One/Network/appAcl} and {@code A-Two/Network/dataAcl} give
     *     {@code A-*&#47;Network/*Acl}
     */
    static @NotNull String glob(final @NotNull List<String> paths) {
        List<String[]> split = paths.stream().map(p -> p.split("/", -1)).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < split.get(0).length; i++) {
            final int n = i;
            List<String> segments = split.stream().map(s -> s[n]).distinct().toList();
            if (segments.size() == 1) {
                out.add(segments.get(0));
                continue;
            }
            String prefix = segments.get(0);
            String suffix = segments.get(0);
            int shortest = Integer.MAX_VALUE;
            for (String s : segments) {
                while (!s.startsWith(prefix)) {
                    prefix = prefix.substring(0, prefix.length() - 1);
                }
                while (!s.endsWith(suffix)) {
                    suffix = suffix.substring(1);
                }
                shortest = Math.min(shortest, s.length());
            }
            if (prefix.length() + suffix.length() > shortest) {
                suffix = suffix.substring(prefix.length() + suffix.length() - shortest);
            }
            out.add(prefix + "*" + suffix);
        }
        return String.join("/", out);
    }
}

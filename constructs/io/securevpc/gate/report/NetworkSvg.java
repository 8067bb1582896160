package io.securevpc.gate.report;

import java.util.List;

/**
 * One VPC drawn as inline SVG: Availability Zones as columns, tiers as rows, one box per subnet with its CIDR and
 * the routes of its route table, the tier's NACL allow count beside the row, and below the endpoints, where flow logs
 * and DNS query logs go, and the connections to other networks. Every text
 * is escaped ({@link Html#escape}).
 */
final class NetworkSvg {
    static final int LABEL = 170;
    static final int COLUMN = 290;
    static final int HEADER = 56;
    static final int LINE = 15;

    private NetworkSvg() {
    }

    static String render(final NetworkView.Vpc vpc) {
        List<String> zones = vpc.zones();
        List<String> tiers = vpc.tiers();
        int maxRoutes = vpc.subnets().stream().mapToInt(s -> s.routes().size()).max().orElse(0);
        int row = 48 + LINE * Math.max(2, maxRoutes);
        int width = LABEL + COLUMN * Math.max(1, zones.size()) + 10;
        List<String> endpoints = new java.util.ArrayList<>(wrap("Gateway endpoints: " + (vpc.gatewayEndpoints().isEmpty()
                ? "none" : String.join(", ", vpc.gatewayEndpoints())), (width - 24) / 7));
        endpoints.addAll(wrap("Interface endpoints: " + (vpc.interfaceEndpoints().isEmpty() ? "none"
                : String.join(", ", vpc.interfaceEndpoints())), (width - 24) / 7));
        for (String line : NetworkSvg.details(vpc)) {
            endpoints.addAll(wrap(line, (width - 24) / 7));
        }
        int endpointsHeight = 30 + (LINE + 4) * endpoints.size();
        int height = HEADER + row * tiers.size() + endpointsHeight;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"vpc\" data-vpc=\"").append(Html.escape(vpc.name()))
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(Html.escape("VPC " + vpc.name() + " " + vpc.cidr())).append("\">\n");
        b.append("<rect x=\"1\" y=\"1\" width=\"").append(width - 2).append("\" height=\"").append(height - 2)
                .append("\" rx=\"8\" class=\"frame\"/>\n");
        text(b, 12, 22, "title", "VPC " + vpc.cidr() + "  " + vpc.name());
        for (int z = 0; z < zones.size(); z++) {
            text(b, LABEL + z * COLUMN + 8, HEADER - 10, "zone", zones.get(z));
        }
        for (int t = 0; t < tiers.size(); t++) {
            String tier = tiers.get(t);
            int y = HEADER + t * row;
            text(b, 12, y + 22, "tier", tier);
            List<NetworkView.AclEntry> acl = vpc.aclByTier().get(tier);
            text(b, 12, y + 40, "note", acl == null ? "NACL: none associated" : "NACL allows:");
            text(b, 12, y + 40 + LINE, "note", acl == null ? "(VPC default)" : acl.stream().filter(e -> e.allow()
                    && !e.egress()).count() + " in, " + acl.stream().filter(e -> e.allow() && e.egress()).count() + " out");
            for (int z = 0; z < zones.size(); z++) {
                int x = LABEL + z * COLUMN;
                String zone = zones.get(z);
                vpc.subnet(tier, zone).ifPresent(s -> subnet(b, x, y, row, s));
            }
        }
        int y = HEADER + tiers.size() * row + 20;
        for (String line : endpoints) {
            text(b, 12, y, "note", line);
            y += LINE + 4;
        }
        return b.append("</svg>\n").toString();
    }

    private static void subnet(final StringBuilder b, final int x, final int y, final int row, final NetworkView.Subnet s) {
        b.append("<g class=\"subnet\" data-tier=\"").append(Html.escape(s.tier())).append("\" data-zone=\"")
                .append(Html.escape(s.zone())).append("\" data-cidr=\"").append(Html.escape(s.cidr())).append("\">");
        b.append("<rect x=\"").append(x + 4).append("\" y=\"").append(y + 4).append("\" width=\"").append(COLUMN - 8)
                .append("\" height=\"").append(row - 8).append("\" rx=\"6\" class=\"tier-").append(css(s.kind()))
                .append("\"/>");
        text(b, x + 12, y + 24, "cidr", s.cidr());
        int line = y + 24 + LINE + 2;
        if (s.routes().isEmpty()) {
            text(b, x + 12, line, "route", "local routes only");
        }
        for (String r : s.routes()) {
            text(b, x + 12, line, "route", r.replace("->", "\u2192"));
            line += LINE;
        }
        b.append("</g>\n");
    }

    /** @return the lines below the endpoints: flow-log and DNS-log destinations, connections to other networks. */
    static List<String> details(final NetworkView.Vpc vpc) {
        return List.of("Flow logs: " + (vpc.flowLogs().isEmpty() ? "none" : String.join(", ", vpc.flowLogs())),
                "DNS query logs: " + (vpc.dnsLogs().isEmpty() ? "none" : String.join(", ", vpc.dnsLogs())),
                "Connectivity: " + (vpc.connectivity().isEmpty() ? "none (no peering, Transit Gateway, VPN or "
                        + "PrivateLink to another stack)" : String.join(", ", vpc.connectivity())));
    }

    /** @return {@code text} cut after commas into lines of at most about {@code max} characters. */
    static List<String> wrap(final String text, final int max) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : text.split("(?<=, )")) {
            if (line.length() > 0 && line.length() + part.length() > max) {
                lines.add(line.toString().trim());
                line.setLength(0);
            }
            line.append(part);
        }
        lines.add(line.toString().trim());
        return lines;
    }

    /** @return the colour class of a subnet type: {@code public}, {@code private} (egress) or {@code isolated}. */
    private static String css(final String kind) {
        return switch (kind) {
            case "Public" -> "public";
            case "Private" -> "private";
            default -> "isolated";
        };
    }

    private static void text(final StringBuilder b, final int x, final int y, final String css, final String text) {
        b.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" class=\"").append(css).append("\">")
                .append(Html.escape(text)).append("</text>");
    }
}

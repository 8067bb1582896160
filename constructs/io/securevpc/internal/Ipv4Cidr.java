package io.securevpc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block as plain Java data: parsing, containment, overlap and exact summarisation of address
 * ranges. Used to validate props and to plan NACL entries without a round trip to the CDK. Not API.
 */
public record Ipv4Cidr(long network, int prefix) implements Comparable<Ipv4Cidr> {
    private static final Pattern FORMAT = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})$");

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix " + prefix);
        }
        long mask = mask(prefix);
        if ((network & ~mask & 0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /**
     * Parses {@code a.b.c.d/n}; empty when the text is not a valid IPv4 CIDR or has host bits set (e.g.
     * {@code 10.0.0.1/16}), which AWS rejects for VPCs and NACL entries alike.
     */
    public static Optional<Ipv4Cidr> parse(final String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (address & ~mask(prefix) & 0xFFFFFFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(address, prefix));
    }

    /** Parses or throws {@link IllegalArgumentException}; for values already validated. */
    public static Ipv4Cidr of(final String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IPv4 CIDR: " + text));
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    /** @return the first address after this block. */
    public long end() {
        return network + size();
    }

    public boolean contains(final Ipv4Cidr other) {
        return other.prefix >= prefix && other.network >= network && other.end() <= end();
    }

    public boolean overlaps(final Ipv4Cidr other) {
        return network < other.end() && other.network < end();
    }

    /**
     * The smallest list of CIDR blocks that covers exactly the addresses {@code [start, end)}: nothing
     * outside the range is included.
     */
    public static List<Ipv4Cidr> exactCover(final long start, final long end) {
        List<Ipv4Cidr> blocks = new ArrayList<>();
        long cursor = start;
        while (cursor < end) {
            int prefix = cursor == 0 ? 0 : 32 - Long.numberOfTrailingZeros(cursor);
            prefix = Math.max(prefix, 0);
            while ((1L << (32 - prefix)) > end - cursor) {
                prefix++;
            }
            blocks.add(new Ipv4Cidr(cursor, prefix));
            cursor += 1L << (32 - prefix);
        }
        return blocks;
    }

    /** Summarises a set of blocks into the smallest exact cover (adjacent blocks merge). */
    public static List<Ipv4Cidr> summarise(final List<Ipv4Cidr> blocks) {
        List<Ipv4Cidr> sorted = new ArrayList<>(blocks);
        sorted.sort(null);
        List<Ipv4Cidr> result = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        for (Ipv4Cidr block : sorted) {
            if (runStart >= 0 && block.network <= runEnd) {
                runEnd = Math.max(runEnd, block.end());
            } else {
                if (runStart >= 0) {
                    result.addAll(exactCover(runStart, runEnd));
                }
                runStart = block.network;
                runEnd = block.end();
            }
        }
        if (runStart >= 0) {
            result.addAll(exactCover(runStart, runEnd));
        }
        return result;
    }

    private static long mask(final int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    @Override
    public int compareTo(final Ipv4Cidr o) {
        int byNetwork = Long.compare(network, o.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefix, o.prefix);
    }

    @Override
    public String toString() {
        return ((network >> 24) & 0xFF) + "." + ((network >> 16) & 0xFF) + "." + ((network >> 8) & 0xFF) + "."
                + (network & 0xFF) + "/" + prefix;
    }
}

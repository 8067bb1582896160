package io.securevpc.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securevpc.BlueprintValidationException;
import io.securevpc.ErrorCode;
import io.securevpc.internal.Problems;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link NaclEntryBook}: the numbering, the per-direction quota and the de-duplication of the entries added to a
 * tier NACL after its planned ones, without a stack.
 */
class NaclEntryBookTest {
    private static final PortRange HTTPS = PortRange.tcp(443);
    private static final PortRange POSTGRES = PortRange.tcp(5432);

    /** A tier NACL as planned: a block-list deny both ways, two allows in, one allow out. */
    private static final List<NaclPlan.Entry> PLANNED = List.of(
            new NaclPlan.Entry(100, false, true, null, "203.0.113.0/24", false),
            new NaclPlan.Entry(100, true, true, null, "203.0.113.0/24", false),
            new NaclPlan.Entry(1000, false, false, HTTPS, "10.0.0.0/16", false),
            new NaclPlan.Entry(1010, false, false, PortRange.EPHEMERAL, "10.0.0.0/16", false),
            new NaclPlan.Entry(1000, true, false, PortRange.EPHEMERAL, "10.0.0.0/16", false));

    private static NaclEntryBook book(final int quota) {
        NaclEntryBook book = new NaclEntryBook(quota);
        book.open("app", PLANNED);
        return book;
    }

    private static NaclEntryBook.Allow in(final PortRange ports, final String cidr) {
        return new NaclEntryBook.Allow(false, ports, cidr);
    }

    private static NaclEntryBook.Allow out(final PortRange ports, final String cidr) {
        return new NaclEntryBook.Allow(true, ports, cidr);
    }

    @Test
    void listsThePlannedNumbersOfBothDirections() {
        assertEquals(new TreeSet<>(List.of(100, 1000, 1010)), book(20).numbers("app"));
    }

    /** BP-NET-5: added allows follow the last planned allow of their direction, a step apart. */
    @Test
    void numbersEachDirectionAfterItsLastPlannedAllow() {
        NaclEntryBook book = book(20);
        List<NaclEntryBook.Numbered> added = book.add("app", List.of(out(HTTPS, "192.168.0.0/16"),
                in(PortRange.EPHEMERAL, "192.168.0.0/16"), out(POSTGRES, "192.168.0.0/16")));
        assertEquals(List.of(1010, 1020, 1020), added.stream().map(NaclEntryBook.Numbered::ruleNumber).toList());
        assertEquals(List.of(true, false, true), added.stream().map(n -> n.allow().egress()).toList());
        assertEquals(new TreeSet<>(List.of(100, 1000, 1010, 1020)), book.numbers("app"));
    }

    /** Numbering goes on from where the last call stopped. */
    @Test
    void continuesTheNumberingAcrossCalls() {
        NaclEntryBook book = book(20);
        book.add("app", List.of(in(POSTGRES, "192.168.0.0/16")));
        assertEquals(1030, book.add("app", List.of(in(POSTGRES, "172.16.0.0/12"))).get(0).ruleNumber());
    }

    /** An entry the NACL already has (planned or added) or one given twice is added once. */
    @Test
    void addsNoEntryTwice() {
        NaclEntryBook book = book(20);
        List<NaclEntryBook.Numbered> added = book.add("app", List.of(in(HTTPS, "10.0.0.0/16"),
                in(POSTGRES, "192.168.0.0/16"), in(POSTGRES, "192.168.0.0/16")));
        assertEquals(List.of(in(POSTGRES, "192.168.0.0/16")), added.stream().map(NaclEntryBook.Numbered::allow).toList());
        assertEquals(List.of(), book.add("app", List.of(in(POSTGRES, "192.168.0.0/16"))));
    }

    /** The same ports and block in the other direction is another entry. */
    @Test
    void keepsTheSameEntryOfTheOtherDirection() {
        assertEquals(List.of(out(HTTPS, "10.0.0.0/16")), book(20).fresh("app", List.of(out(HTTPS, "10.0.0.0/16"))));
    }

    @Test
    void acceptsEntriesUpToTheQuota() {
        Problems problems = new Problems();
        // 3 planned inbound + 2 = 5; 2 planned outbound + 0.
        book(5).checkQuota("app", List.of(in(POSTGRES, "192.168.0.0/16"), in(POSTGRES, "172.16.0.0/12")), "",
                problems);
        assertTrue(problems.isEmpty());
    }

    /** BP-NET-4: a NACL holds a limited number of entries per direction; the overflow names both counts. */
    @Test
    void failsBeyondTheQuotaOfOneDirection() {
        Problems problems = new Problems();
        book(5).checkQuota("app", List.of(in(POSTGRES, "192.168.0.0/16"), in(POSTGRES, "172.16.0.0/12"),
                in(POSTGRES, "100.64.0.0/10")), "summarise the external blocks", problems);
        BlueprintValidationException e = assertThrows(BlueprintValidationException.class,
                () -> problems.throwIfAny("SecureVpc Test/Network"));
        assertEquals(List.of(ErrorCode.NACL_RULES), e.getCodes());
        assertTrue(e.getMessage().contains("tiers[app] NACL entries = '6 inbound, 2 outbound': at most "
                + "naclEntryQuota (5) per direction; summarise the external blocks or raise the NACL rules quota and "
                + "set naclEntryQuota"), e.getMessage());
    }

    /** Entries the NACL already has take no room: only fresh ones count against the quota. */
    @Test
    void countsOnlyFreshEntriesAgainstTheQuota() {
        Problems problems = new Problems();
        book(5).checkQuota("app", List.of(in(HTTPS, "10.0.0.0/16"), in(PortRange.EPHEMERAL, "10.0.0.0/16"),
                in(POSTGRES, "192.168.0.0/16"), in(POSTGRES, "192.168.0.0/16")), "", problems);
        assertTrue(problems.isEmpty());
    }

    @Test
    void opensATierToExternalBlocksWithReturnTraffic() {
        assertEquals(List.of(out(HTTPS, "192.168.0.0/16"), in(POSTGRES, "192.168.0.0/16"),
                        in(PortRange.EPHEMERAL, "192.168.0.0/16"), out(PortRange.EPHEMERAL, "192.168.0.0/16")),
                NaclEntryBook.openTo(List.of("192.168.0.0/16"), List.of(HTTPS), List.of(POSTGRES),
                        PortRange.EPHEMERAL, true));
    }

    /** Seen from a Transit Gateway attachment tier, the route tiers' packets cross the other way. */
    @Test
    void turnsTheDirectionsAroundForTransitTraffic() {
        assertEquals(List.of(in(HTTPS, "10.0.0.0/21"), out(PortRange.EPHEMERAL, "10.0.0.0/21")),
                NaclEntryBook.openTo(List.of("10.0.0.0/21"), List.of(HTTPS), List.of(), PortRange.EPHEMERAL, false));
    }

    @Test
    void numbersAreACopy() {
        NaclEntryBook book = book(20);
        SortedSet<Integer> before = book.numbers("app");
        book.add("app", List.of(in(POSTGRES, "192.168.0.0/16")));
        assertEquals(new TreeSet<>(List.of(100, 1000, 1010)), before);
    }

    /** BP-NET-4: an entry the NACL already admits through a wider block of the same ports is not added again. */
    @Test
    void addsNoEntryThatAnEntryOfAWiderBlockAndTheSamePortsCovers() {
        assertEquals(List.of(in(PortRange.EPHEMERAL, "10.1.0.0/16")), book(20).fresh("app", List.of(
                in(PortRange.EPHEMERAL, "10.0.4.0/22"), out(PortRange.EPHEMERAL, "10.0.8.0/24"),
                in(PortRange.EPHEMERAL, "10.1.0.0/16"))));
        assertEquals(List.of(in(PortRange.tcp(8443), "10.0.4.0/22")),
                book(20).fresh("app", List.of(in(PortRange.tcp(8443), "10.0.4.0/22"))),
                "a service port is declared even where a return range admits it");
    }

    /** Return traffic from the internet (split around SSH and RDP) covers the same range from any one block. */
    @Test
    void addsNoReturnEntryThatTheInternetReturnEntriesCover() {
        NaclEntryBook book = new NaclEntryBook(20);
        book.open("app", List.of(new NaclPlan.Entry(1000, false, false, PortRange.tcp(1024, 3388), "0.0.0.0/0", false),
                new NaclPlan.Entry(1010, false, false, PortRange.tcp(3390, 65535), "0.0.0.0/0", false)));
        assertEquals(List.of(), book.fresh("app", List.of(in(PortRange.EPHEMERAL, "192.168.0.0/16"))));
        assertEquals(List.of(in(PortRange.tcp(22), "192.168.0.0/16")),
                book.fresh("app", List.of(in(PortRange.tcp(22), "192.168.0.0/16"))));
    }
}

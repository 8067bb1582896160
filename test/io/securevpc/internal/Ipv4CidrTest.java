package io.securevpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4CidrTest {
    @Test
    void parsesValidBlocks() {
        assertEquals("10.20.0.0/16", Ipv4Cidr.of("10.20.0.0/16").toString());
        assertEquals("0.0.0.0/0", Ipv4Cidr.of("0.0.0.0/0").toString());
    }

    @Test
    void rejectsHostBitsBadOctetsAndBadPrefixes() {
        assertTrue(Ipv4Cidr.parse("10.0.0.1/16").isEmpty());
        assertTrue(Ipv4Cidr.parse("10.0.256.0/24").isEmpty());
        assertTrue(Ipv4Cidr.parse("10.0.0.0/33").isEmpty());
        assertTrue(Ipv4Cidr.parse("10.0.0.0").isEmpty());
        assertTrue(Ipv4Cidr.parse(null).isEmpty());
    }

    @Test
    void overlapAndContainment() {
        Ipv4Cidr vpc = Ipv4Cidr.of("10.0.0.0/16");
        assertTrue(vpc.contains(Ipv4Cidr.of("10.0.4.0/22")));
        assertTrue(vpc.overlaps(Ipv4Cidr.of("10.0.0.0/8")));
        assertFalse(vpc.overlaps(Ipv4Cidr.of("10.1.0.0/16")));
    }

    @Test
    void summarisesThreeAlignedSubnetsIntoTwoExactBlocks() {
        List<Ipv4Cidr> blocks = Ipv4Cidr.summarise(List.of(
                Ipv4Cidr.of("10.0.0.0/24"), Ipv4Cidr.of("10.0.1.0/24"), Ipv4Cidr.of("10.0.2.0/24")));
        assertEquals(List.of(Ipv4Cidr.of("10.0.0.0/23"), Ipv4Cidr.of("10.0.2.0/24")), blocks);
    }

    @Test
    void summaryNeverCoversAddressesOutsideTheInput() {
        List<Ipv4Cidr> blocks = Ipv4Cidr.summarise(List.of(Ipv4Cidr.of("10.0.1.0/24"), Ipv4Cidr.of("10.0.2.0/24")));
        assertEquals(List.of(Ipv4Cidr.of("10.0.1.0/24"), Ipv4Cidr.of("10.0.2.0/24")), blocks);
    }
}

package io.securevpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AddressSet: CIDRs compared as sets of addresses (BP-NET-2, BP-NET-4), no jsii. */
class AddressSetTest {
    @Test
    void twoIpv4HalvesCoverTheInternet() {
        assertTrue(AddressSet.of("0.0.0.0/1", "128.0.0.0/1").coversAllIpv4());
        assertTrue(AddressSet.of("128.0.0.0/1", "0.0.0.0/1").coversInternet());
    }

    @Test
    void twoIpv6HalvesCoverTheInternet() {
        assertTrue(AddressSet.of("::/1", "8000::/1").coversAllIpv6());
        assertFalse(AddressSet.of("::/1", "8000::/1").coversAllIpv4());
    }

    @Test
    void aMissingSliverIsNotTheInternet() {
        AddressSet almost = AddressSet.of("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5",
                "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8", "255.0.0.0/9", "255.128.0.0/10");
        assertFalse(almost.coversInternet());
        assertTrue(almost.union(AddressSet.of("255.192.0.0/10")).coversAllIpv4());
    }

    @Test
    void spellingsOfTheWholeIpv6InternetAreEqual() {
        assertEquals(AddressSet.of("::/0"), AddressSet.of("::0/0"));
        assertEquals(AddressSet.of("0:0:0:0:0:0:0:0/0"), AddressSet.of("8000::/1", "::/1"));
    }

    @Test
    void hostBitsAreIgnoredAsEc2StoresTheRule() {
        assertEquals(AddressSet.of("10.0.0.0/8"), AddressSet.of("10.1.2.3/8"));
    }

    @Test
    void aPublicSlashEightIsWideButAPrivateOneIsNot() {
        assertTrue(AddressSet.of("11.0.0.0/8").hasPublicRangeOf(8));
        assertFalse(AddressSet.of("10.0.0.0/8").hasPublicRangeOf(8));
        assertFalse(AddressSet.of("11.0.0.0/9").hasPublicRangeOf(8));
        // two adjacent public /9s are a /8's worth of contiguous public addresses
        assertTrue(AddressSet.of("11.0.0.0/9", "11.128.0.0/9").hasPublicRangeOf(8));
        assertTrue(AddressSet.of("0.0.0.0/1").hasPublicRangeOf(8));
        assertFalse(AddressSet.of("fc00::/7").hasPublicRangeOf(8));
        assertTrue(AddressSet.of("2000::/3").hasPublicRangeOf(8));
    }

    @Test
    void containmentAndOverlapAreBySet() {
        AddressSet vpc = AddressSet.of("10.0.0.0/16");
        assertTrue(vpc.contains(AddressSet.of("10.0.4.0/22", "10.0.8.0/24")));
        assertFalse(vpc.contains(AddressSet.of("10.0.0.0/15")));
        assertTrue(vpc.overlaps(AddressSet.of("10.0.255.0/24", "192.168.0.0/16")));
        assertFalse(vpc.overlaps(AddressSet.of("10.1.0.0/16")));
        assertTrue(AddressSet.of("10.0.0.0/16").minus(AddressSet.of("10.0.0.0/17", "10.0.128.0/17")).isEmpty());
    }

    @Test
    void rejectsTextThatIsNoCidr() {
        assertEquals(Optional.empty(), AddressSet.parse("10.0.0.0"));
        assertEquals(Optional.empty(), AddressSet.parse("10.0.0.0/33"));
        assertEquals(Optional.empty(), AddressSet.parse("example.com/8"));
        assertEquals(Optional.empty(), AddressSet.parse("::/129"));
        assertEquals(Optional.empty(), AddressSet.parse(null));
    }
}

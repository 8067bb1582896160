package io.securevpc.network;

/**
 * The rule-number layout of every tier NACL (BP-NET-4, BP-NET-5). Entries are evaluated in rule-number
 * order and the first match wins, so every deny sits below every allow:
 *
 * <pre>
 *    1 -   99  reserved: deny entries added later (automated remediation, incident response)
 *  100 -  999  the block list given to SecureVpc, in the order given
 * 1000 - 32766 allow entries, 10 apart so that an entry can be inserted between two without renumbering
 * </pre>
 *
 * The number space never limits a tier in practice; the per-NACL entry quota does (20 inbound and 20
 * outbound by default, adjustable to 40), and SecureVpc checks it at synth.
 */
public final class NaclRuleNumbers {
    /** First rule number left free for deny entries added after deployment. */
    public static final int RESERVED_DENY_FIRST = 1;
    /** Last rule number left free for deny entries added after deployment. */
    public static final int RESERVED_DENY_LAST = 99;
    /** Rule number of the first block-list entry. */
    public static final int BLOCK_LIST_FIRST = 100;
    /** Last rule number a block-list entry may take. */
    public static final int BLOCK_LIST_LAST = 999;
    /** Rule number of the first allow entry. */
    public static final int ALLOW_FIRST = 1000;
    /** Gap between two consecutive allow entries. */
    public static final int ALLOW_STEP = 10;
    /** Highest rule number AWS accepts. */
    public static final int MAX = 32766;
    /** The default quota of entries per direction of one NACL. */
    public static final int DEFAULT_ENTRY_QUOTA = 20;
    /** The highest quota of entries per direction AWS grants on request. */
    public static final int MAX_ENTRY_QUOTA = 40;

    private NaclRuleNumbers() {
    }
}

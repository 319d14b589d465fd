package cn.huizong.validation;

import cn.huizong.registry.Names;

/**
 * The rows of one file seen so far, for DUPLICATE_ROW: a 128-bit fingerprint of each row's key (its template
 * and every value compacted as {@link Names#compact}) and where it was first seen, in flat arrays. Keeping the
 * keys' text instead cost more heap than the rows themselves on a 200,000-row file. Two different rows share a
 * fingerprint with a chance of about n²/2¹²⁹ (10⁻²⁸ for a million rows); the hashes are not cryptographic, so
 * a file crafted to collide could only mark one of its own rows a duplicate.
 */
final class RowFingerprints {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long POLY_SEED = 0x9E3779B97F4A7C15L;
    private static final long POLY_BASE = 0xBF58476D1CE4E5B9L;

    // the key being built
    private long a;
    private long b;
    private long length;

    // open addressing: (hi, lo) → where, slot empty when where == 0
    private long[] his = new long[1024];
    private long[] los = new long[1024];
    private long[] wheres = new long[1024];
    private int size;

    /** Starts a new key. */
    RowFingerprints start() {
        a = FNV_OFFSET;
        b = POLY_SEED;
        length = 0;
        return this;
    }

    RowFingerprints add(char c) {
        a = (a ^ c) * FNV_PRIME;
        b = b * POLY_BASE + c + 1;
        length++;
        return this;
    }

    RowFingerprints add(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            add(s.charAt(i));
        }
        return this;
    }

    /** Adds {@code Names.compact(value)}, without building it when NFKC has nothing to do. */
    RowFingerprints addCompact(String value) {
        if (!Names.nfkcByChar(value)) {
            return add(Names.compact(value));
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char u = Names.nfkcOf(value.charAt(i));
            if (u != Names.NFKC_SPACE) {
                add(u);
            }
        }
        return this;
    }

    /**
     * Records the key built since {@link #start()} as seen at {@code where} (not 0) unless it was seen before.
     *
     * @return where it was first seen, or 0 when this is the first time
     */
    long putIfAbsent(long where) {
        long hi = mix(a ^ length);
        long lo = mix(b + length * POLY_BASE);
        if (size * 2 >= wheres.length) {
            grow();
        }
        int mask = wheres.length - 1;
        int i = (int) (hi ^ (hi >>> 32)) & mask;
        while (wheres[i] != 0) {
            if (his[i] == hi && los[i] == lo) {
                return wheres[i];
            }
            i = (i + 1) & mask;
        }
        his[i] = hi;
        los[i] = lo;
        wheres[i] = where;
        size++;
        return 0;
    }

    private void grow() {
        long[] oldHi = his;
        long[] oldLo = los;
        long[] oldWhere = wheres;
        his = new long[oldWhere.length * 2];
        los = new long[oldWhere.length * 2];
        wheres = new long[oldWhere.length * 2];
        int mask = wheres.length - 1;
        for (int j = 0; j < oldWhere.length; j++) {
            if (oldWhere[j] != 0) {
                int i = (int) (oldHi[j] ^ (oldHi[j] >>> 32)) & mask;
                while (wheres[i] != 0) {
                    i = (i + 1) & mask;
                }
                his[i] = oldHi[j];
                los[i] = oldLo[j];
                wheres[i] = oldWhere[j];
            }
        }
    }

    /** Murmur3's 64-bit finaliser: every input bit reaches every output bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

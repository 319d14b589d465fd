package cn.huizong.validation;

import cn.huizong.campaign.ColumnSpec;

/**
 * A cell's value as every output shows it (staged once, so the CSV feeds and the workbooks agree): full-width
 * digits and Latin letters as ASCII, phone numbers in one written form. Full-width punctuation stays: NFKC
 * would turn the （，：；） of Chinese prose into ASCII.
 */
final class StagedValues {

    private StagedValues() {
    }

    static String of(ColumnSpec column, String cleaned) {
        String v = asciiDigitsAndLetters(cleaned);
        if (!column.phone()) {
            return v;
        }
        return column.numbersOnly() ? PhoneNumbers.numbersOnly(v) : PhoneNumbers.rewrite(v);
    }

    /** ０-９, Ａ-Ｚ and ａ-ｚ (U+FF10–FF19, FF21–FF3A, FF41–FF5A) as ASCII; nothing else changes. */
    static String asciiDigitsAndLetters(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c - 0xFEE0);
            }
        }
        return out == null ? s : new String(out);
    }
}

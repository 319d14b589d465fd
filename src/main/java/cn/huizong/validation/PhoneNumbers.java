package cn.huizong.validation;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers as people write them: mobiles 1[3-9]+9 digits (spaces or hyphens inside allowed);
 * landlines 0 + 2–3 digit area code + 7–8 digits, written 0371-69691274, 0371 69691274 or (0371)69691274,
 * with an optional extension. Several numbers and a name may share the cell.
 */
public final class PhoneNumbers {

    // an optional country code (+86 or 86 written straight before the number) is part of the number
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(?:86)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9])(?:\\(0[0-9]{2,3}\\)|0[0-9]{2,3})[ -]?[0-9]{7,8}(?![0-9])");

    private PhoneNumbers() {
    }

    public static boolean containsValid(String text) {
        // NFKC turns full-width digits and brackets (（0371）) into ASCII
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('\u2014', '-').replace('\u2013', '-');
        return MOBILE.matcher(s).find() || LANDLINE.matcher(s).find();
    }
}

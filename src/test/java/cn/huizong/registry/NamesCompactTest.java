package cn.huizong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The per-character fast path of {@link Names#compact} gives what NFKC and whitespace removal give. */
class NamesCompactTest {

    /** compact as it was written before the fast path: the JDK's NFKC, then every space out. */
    private static String reference(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            if (!Names.isCompactSpace(n.charAt(i))) {
                sb.append(n.charAt(i));
            }
        }
        return sb.toString();
    }

    @Test
    void everyCellLikeTextCompactsAsNfkcDoes() {
        String alphabet = "张伟郑州市教育局 \u3000\u00A0\t\n\r，（）：；１２ＡＢａｂ~～、。《》【】“”—…·ﬁ①㍻"
                + "e\u0301\u1100\u1161\u11A8가\uFEFF\u200B\u0000\uD840\uDC00XX××0123456789-+";
        Random random = new Random(11);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertThat(Names.compact(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(reference(s));
        }
    }

    @Test
    void eachCharacterOfTheBasicPlaneCompactsAsNfkcDoes() {
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String s = "a" + (char) c + "张";
            assertThat(Names.compact(s)).as("U+%04X", c).isEqualTo(reference(s));
        }
    }
}

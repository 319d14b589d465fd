package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cut every stored value gets, and the short form messages quote. */
class SubmittedTextTest {

    @Test
    void aValueUpToOneExcelCellIsKeptWhole() {
        String full = "案".repeat(SubmittedText.MAX_CHARS);
        assertThat(SubmittedText.cap(full)).isSameAs(full);
        assertThat(SubmittedText.cap(null)).isNull();
    }

    @Test
    void aLongerValueIsCutToOneExcelCellWithTheMarker() {
        String cut = SubmittedText.cap("案".repeat(100_000));
        assertThat(cut).hasSize(SubmittedText.MAX_CHARS).endsWith("……（已截断）")
                .startsWith("案".repeat(SubmittedText.MAX_CHARS - SubmittedText.CUT_MARKER.length()));
    }

    @Test
    void theCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00"; // two chars, one character
        String cut = SubmittedText.cap("a" + emoji.repeat(50_000));
        String kept = cut.substring(0, cut.length() - SubmittedText.CUT_MARKER.length());
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        assertThat(cut.length()).isLessThanOrEqualTo(SubmittedText.MAX_CHARS);
    }

    @Test
    void messagesQuoteTheFirstFiftyCharacters() {
        assertThat(SubmittedText.quote("短名称")).isEqualTo("短名称");
        assertThat(SubmittedText.quote("字".repeat(50))).isEqualTo("字".repeat(50));
        assertThat(SubmittedText.quote("字".repeat(51))).isEqualTo("字".repeat(50) + "…");
        assertThat(SubmittedText.quote("\uD83D\uDE00".repeat(60))).isEqualTo("\uD83D\uDE00".repeat(50) + "…");
    }
}

package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one 退回待复报 rule the roster page, its 催报名单, the stats API and the dashboard share. */
class StandingTest {

    @Test
    void aRejectedFileMakesItsTemplateReturnedUntilOneIsAccepted() {
        Standing.Returned returned = new Standing.Returned();
        returned.add("郑州大学", "rejected", List.of("cases"));
        returned.add("河南大学", "accepted", List.of("cases"));
        returned.add("郑州市教育局", "rejected", List.of("pairing", "cases"));

        assertThat(returned.standing("郑州大学", "cases", "missing")).isEqualTo(Standing.RETURNED);
        assertThat(returned.standing("郑州大学", "cases", "late")).isEqualTo(Standing.LATE);
        assertThat(returned.standing("郑州大学", "pairing", "missing")).isEqualTo(Standing.MISSING);
        assertThat(returned.standing("河南大学", "cases", "none")).isEqualTo(Standing.MISSING);
        assertThat(returned.standing("郑州市教育局", "pairing", "missing")).isEqualTo(Standing.RETURNED);
        assertThat(returned.standing("郑州市教育局", "cases", "submitted")).isEqualTo(Standing.SUBMITTED);
    }

    @Test
    void aFileRefusedBeforeItsTableWasKnownIsReturnedForWhateverTheUnitOwes() {
        Standing.Returned returned = new Standing.Returned();
        returned.add("安阳市教育局", "rejected", List.of()); // encrypted: no template known
        returned.add(null, "rejected", List.of()); // a unit nobody could name counts for no one

        assertThat(returned.standing("安阳市教育局", "pairing", "missing")).isEqualTo(Standing.RETURNED);
        assertThat(returned.standing("安阳市教育局", "cases", "none")).isEqualTo(Standing.RETURNED);
        assertThat(returned.standing("安阳市教育局", "cases", "not_required")).isEqualTo(Standing.NOT_REQUIRED);
        assertThat(returned.standing("洛阳市教育局", "pairing", "missing")).isEqualTo(Standing.MISSING);
        assertThat(Standing.RETURNED.owed()).isTrue();
        assertThat(Standing.LATE.owed()).isFalse();
    }
}

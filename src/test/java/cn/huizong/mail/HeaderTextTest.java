package cn.huizong.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Attachment names as Chinese clients write them, one encoding per case. */
class HeaderTextTest {

    static final Charset GBK = Charset.forName("GBK");

    static String latin1(String text, Charset cs) {
        return new String(text.getBytes(cs), StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesEncodedWordsInEveryCharsetChineseClientsUseEvenSplitInsideACharacter() {
        assertThat(HeaderText.decode(RawMail.b("附件1.xlsx", GBK))).isEqualTo("附件1.xlsx");
        assertThat(HeaderText.decode(RawMail.b("附件1.xlsx", StandardCharsets.UTF_8))).isEqualTo("附件1.xlsx");
        assertThat(HeaderText.decode(RawMail.q("附件5 典型案例.xlsx"))).isEqualTo("附件5 典型案例.xlsx");
        assertThat(HeaderText.decode(RawMail.bSplit("附件5-典型案例.xlsx", GBK, "gb2312"))).isEqualTo("附件5-典型案例.xlsx");
        // 镕 is in GBK but not GB2312: clients label such text gb2312 anyway
        assertThat(HeaderText.decode(RawMail.b("朱镕基.xlsx", GBK).replace("GBK", "gb2312"))).isEqualTo("朱镕基.xlsx");
        assertThat(HeaderText.decode(RawMail.b("㐀表.xlsx", Charset.forName("GB18030")))).isEqualTo("㐀表.xlsx");
    }

    @Test
    void decodesRfc2231ParametersWithContinuationsAndRawEightBitNames() {
        assertThat(HeaderText.parameter(HeaderText.parameters("attachment; filename*="
                + RawMail.rfc2231("附件1.xlsx", GBK, "gbk")), "filename")).isEqualTo("附件1.xlsx");
        assertThat(HeaderText.parameter(HeaderText.parameters("attachment; filename*0*=UTF-8''%E9%99%84; "
                + "filename*1*=%E4%BB%B61.xlsx"), "filename")).isEqualTo("附件1.xlsx");
        assertThat(HeaderText.parameter(HeaderText.parameters("attachment; filename=\"" + latin1("附件1.xlsx", GBK) + "\""),
                "filename")).isEqualTo("附件1.xlsx");
        assertThat(HeaderText.parameter(HeaderText.parameters("attachment; filename=" + latin1("附件1.xlsx",
                StandardCharsets.UTF_8)), "filename")).isEqualTo("附件1.xlsx");
        assertThat(HeaderText.parameter(HeaderText.parameters("application/x; name=\"a;b.xlsx\"; x=1"), "name"))
                .isEqualTo("a;b.xlsx");
    }

    @Test
    void ourOwnAttachmentHeadersCarryBothFormsInLinesOfNormalLength() throws Exception {
        String name = "河南省某某职业技术学院附件5典型案例汇总表（第二次修改）.xlsx";
        String header = Letter.rfc2231("filename", name);
        assertThat(header).contains("filename*0*=UTF-8''").contains("filename*1*=");
        for (String line : header.split("\r\n")) {
            assertThat(line.length()).isLessThan(78);
        }
        assertThat(HeaderText.parameter(HeaderText.parameters("attachment; " + header.replace("\r\n\t", " ")), "filename"))
                .isEqualTo(name);
    }
}

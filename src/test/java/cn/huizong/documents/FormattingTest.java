package cn.huizong.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRelation;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.StylesDocument;

/** Word's order of formatting, one rule at a time, on documents written to bytes and read back. */
class FormattingTest {

    private static final String W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    @Test
    void eastAsiaThemeFontFollowsThemeFontLang() throws Exception {
        String styles = "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\""
                + " w:eastAsiaTheme=\"minorEastAsia\"/></w:rPr></w:rPrDefault></w:docDefaults>";
        assertThat(firstRun(styles, "zh-CN", "")).isEqualTo(new Formatting.RunFormat("Times New Roman", null,
                "仿宋_GB2312", 20));
        assertThat(firstRun(styles, "zh-TW", "").eastAsia()).isEqualTo("新細明體");
        assertThat(firstRun(styles, "ja-JP", "").eastAsia()).isEqualTo("MS Mincho");
    }

    @Test
    void directBeatsCharacterStyleBeatsParagraphStyleChainBeatsDefaults() throws Exception {
        String styles = "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia=\"宋体\" w:ascii=\"Arial\"/>"
                + "<w:sz w:val=\"24\"/></w:rPr></w:rPrDefault></w:docDefaults>"
                + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                + "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:name w:val=\"Base\"/>"
                + "<w:rPr><w:rFonts w:eastAsia=\"楷体\"/><w:sz w:val=\"28\"/></w:rPr></w:style>"
                + "<w:style w:type=\"paragraph\" w:styleId=\"Child\"><w:name w:val=\"Child\"/><w:basedOn w:val=\"Base\"/>"
                + "<w:rPr><w:sz w:val=\"32\"/></w:rPr></w:style>"
                + "<w:style w:type=\"character\" w:styleId=\"Latin\"><w:name w:val=\"Latin\"/>"
                + "<w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr></w:style>";
        // paragraph style Child: size from Child, eastAsia from its parent Base, ascii from the defaults
        assertThat(firstRun(styles, null, "<w:pPr><w:pStyle w:val=\"Child\"/></w:pPr><w:r><w:t>字A</w:t></w:r>"))
                .isEqualTo(new Formatting.RunFormat("Arial", null, "楷体", 32));
        // a character style over it; direct formatting over everything
        assertThat(firstRun(styles, null, "<w:pPr><w:pStyle w:val=\"Child\"/></w:pPr><w:r><w:rPr>"
                + "<w:rStyle w:val=\"Latin\"/><w:rFonts w:eastAsia=\"黑体\"/></w:rPr><w:t>字A</w:t></w:r>"))
                .isEqualTo(new Formatting.RunFormat("Times New Roman", null, "黑体", 32));
        // no style named: the default paragraph style, then the document defaults
        assertThat(firstRun(styles, null, "")).isEqualTo(new Formatting.RunFormat("Arial", null, "宋体", 24));
    }

    @Test
    void atOneLevelAThemeFontWinsOverAPlainName() throws Exception {
        String styles = "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia=\"宋体\""
                + " w:eastAsiaTheme=\"minorEastAsia\"/></w:rPr></w:rPrDefault></w:docDefaults>";
        assertThat(firstRun(styles, "zh-CN", "").eastAsia()).isEqualTo("仿宋_GB2312");
    }

    /** The first run of a one-paragraph document with these styles, theme and paragraph XML. */
    private static Formatting.RunFormat firstRun(String styles, String themeLang, String paragraphXml)
            throws Exception {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createStyles().setStyles(StylesDocument.Factory.parse("<w:styles " + W + ">" + styles + "</w:styles>")
                    .getStyles());
            if (themeLang != null) {
                PackagePartName name = PackagingURIHelper.createPartName("/word/theme/theme1.xml");
                var part = doc.getPackage().createPart(name, "application/vnd.openxmlformats-officedocument.theme+xml");
                try (var out = part.getOutputStream()) {
                    out.write(cn.huizong.fixtures.Writeups.THEME.getBytes(StandardCharsets.UTF_8));
                }
                doc.getPackagePart().addRelationship(name, TargetMode.INTERNAL, XWPFRelation.THEME.getRelation());
                doc.getSettings().getCTSettings().addNewThemeFontLang().setEastAsia(themeLang);
            }
            XWPFParagraph p = doc.createParagraph();
            if (paragraphXml.isEmpty()) {
                p.createRun().setText("字A");
            } else {
                p.getCTP().set(org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP.Factory.parse(
                        "<xml-fragment " + W + ">" + paragraphXml + "</xml-fragment>"));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.write(bytes);
            try (XWPFDocument back = new XWPFDocument(new ByteArrayInputStream(bytes.toByteArray()))) {
                XWPFParagraph q = back.getParagraphs().get(0);
                XWPFRun r = q.getRuns().get(0);
                return new Formatting(back).run(r, q, null);
            }
        }
    }

    @Test
    void paragraphListsNameThreeAndCountTheRest() {
        assertThat(Findings.paragraphs(List.of(2))).isEqualTo("第2段");
        assertThat(Findings.paragraphs(List.of(2, 4, 7))).isEqualTo("第2、4、7段");
        assertThat(Findings.paragraphs(List.of(2, 4, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17))).isEqualTo("第2、4、7段等12段");
    }
}

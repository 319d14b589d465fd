package cn.huizong.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;

import cn.huizong.support.ReadLimits;

/** The byte scan for merged ranges and hidden columns, and the guard in front of the StAX parser. */
class SheetLayoutAndGuardTest {

    private static final String START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";

    /** Short tags, for the guard tests with a small limit. */
    private static final String SHORT = "<?xml version=\"1.0\"?>\n<worksheet>";

    private static InputStream bytes(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static SheetLayout scan(String xml) throws Exception {
        return SheetLayout.scan(bytes(xml), ReadLimits.DEFAULT, "表");
    }

    @Test
    void findsMergesAfterTheDataAndHiddenColumnsBeforeIt() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int r = 1; r <= 20_000; r++) { // well past the scanner's 64 KB buffer, so tags straddle refills
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"s\"><v>")
                    .append(r % 7).append("</v></c></row>");
        }
        SheetLayout layout = scan(START + "<cols><col min=\"2\" max=\"3\" hidden=\"1\"/><col min=\"5\" max=\"5\" width=\"9\"/>"
                + "<col hidden='true' min='7' max='7'/></cols><sheetData>" + rows + "</sheetData>"
                + "<mergeCells count=\"3\"><mergeCell ref=\"A2:A5\"/><mergeCell\n ref = 'B1:D1' />"
                + "<x:mergeCell ref=\"E7:E9\"/><mergeCell x:ref=\"F1:F3\"/><mergeCell ref=\"A1\"/></mergeCells></worksheet>");
        assertThat(layout.hiddenColumns).containsExactlyInAnyOrder(1, 2, 6);
        assertThat(layout.merged.size()).isEqualTo(3);
        assertThat(layout.merged.vertical()).extracting(CellRangeAddress::formatAsString).containsExactly("A2:A5", "E7:E9");
        assertThat(layout.merged.horizontal()).hasSize(1);
    }

    @Test
    void readsEscapedAttributeValuesAsAParserWould() throws Exception {
        SheetLayout layout = scan(START + "<sheetData/><mergeCells><mergeCell ref=\"&#65;1:&#x41;3\"/></mergeCells></worksheet>");
        assertThat(layout.merged.vertical()).hasSize(1);
    }

    @Test
    void refusesMoreMergesThanTheLimit() {
        ReadLimits few = new ReadLimits(ReadLimits.DEFAULT.maxFileBytes(), ReadLimits.DEFAULT.maxXlsBytes(),
                ReadLimits.DEFAULT.maxArchiveMemberBytes(), ReadLimits.DEFAULT.maxArchiveMembers(),
                ReadLimits.DEFAULT.maxArchiveDepth(), ReadLimits.DEFAULT.maxInflatedBytes(),
                ReadLimits.DEFAULT.minInflateRatio(), ReadLimits.DEFAULT.maxRowsPerSheet(), ReadLimits.DEFAULT.maxColumns(),
                ReadLimits.DEFAULT.maxCellsPerFile(), 2, ReadLimits.DEFAULT.maxTextChars(), ReadLimits.DEFAULT.timePerFile());
        String xml = START + "<sheetData/><mergeCells><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:B2\"/>"
                + "<mergeCell ref=\"C1:C2\"/></mergeCells></worksheet>";
        assertThatThrownBy(() -> SheetLayout.scan(bytes(xml), few, "表")).isInstanceOf(ReadFailure.class)
                .hasMessageContaining("TOO_LARGE");
    }

    @Test
    void guardPassesOrdinaryXmlUnchanged() throws Exception {
        String xml = SHORT + "<!-- a < comment --><sheetData><row><c t=\"inlineStr\"><is><t><![CDATA[a<b]]>&lt;c</t></is></c>"
                + "</row></sheetData><?pi x<y?></worksheet>";
        XMLStreamReader r = XmlParts.open(bytes(xml), 64);
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                text.append(r.getText());
            }
        }
        assertThat(text.toString()).isEqualTo("a<b<c");
    }

    @Test
    void guardRefusesALongRunAlsoWhenACdataSectionHidesLessThanSigns() {
        String run = "x".repeat(100);
        assertThatThrownBy(() -> drain(SHORT + "<sheetData><row><c><v>" + run + "</v></c></row></sheetData></worksheet>", 64))
                .hasRootCauseInstanceOf(ReadFailure.class).hasRootCauseMessage("TOO_LARGE: 单元格内容超过 64 个字符");
        String cdata = "<![CDATA[" + "x<".repeat(50) + "]]>";
        assertThatThrownBy(() -> drain(SHORT + "<sheetData><row><c><v>" + cdata + "</v></c></row></sheetData></worksheet>", 64))
                .hasRootCauseInstanceOf(ReadFailure.class);
    }

    @Test
    void guardRefusesADoctypeEvenOneTheParserWouldMisread() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE foo[<!ENTITY a \"b\">]><sst><si><t>&a;</t></si></sst>";
        assertThatThrownBy(() -> drain(xml, 1 << 20)).satisfies(e ->
                assertThat(Failures.classify(e, "?").detail()).contains("DOCTYPE"));
    }

    @Test
    void utf16PartsGoToTheJdkParser() throws Exception {
        byte[] head = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>".getBytes(StandardCharsets.UTF_16LE);
        assertThat(XmlParts.aaltoCanRead(head)).isFalse();
        assertThat(XmlParts.aaltoCanRead("<?xml version=\"1.0\" encoding=\"GBK\"?>".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(XmlParts.aaltoCanRead("<?xml version=\"1.0\" encoding='utf-8'?>".getBytes(StandardCharsets.US_ASCII))).isTrue();
        String xml = START + "<cols><col min=\"1\" max=\"1\" hidden=\"1\"/></cols><sheetData/>"
                + "<mergeCells><mergeCell ref=\"A1:A3\"/></mergeCells></worksheet>";
        byte[] utf16 = xml.replace("UTF-8", "UTF-16").getBytes(StandardCharsets.UTF_16);
        SheetLayout layout = SheetLayout.scan(new ByteArrayInputStream(utf16), ReadLimits.DEFAULT, "表");
        assertThat(layout.hiddenColumns).containsExactly(0);
        assertThat(layout.merged.size()).isEqualTo(1);
    }

    private static void drain(String xml, long maxRun) throws Exception {
        XMLStreamReader r = XmlParts.open(bytes(xml), maxRun);
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.DTD) {
                throw XmlParts.doctype();
            }
        }
    }
}

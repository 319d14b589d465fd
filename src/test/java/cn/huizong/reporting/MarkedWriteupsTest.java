package cn.huizong.reporting;

import static cn.huizong.fixtures.Workbooks.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTMarkupRange;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import cn.huizong.fixtures.Feeds;
import cn.huizong.fixtures.LibreOffice;
import cn.huizong.fixtures.Workbooks;
import cn.huizong.fixtures.Writeups;
import cn.huizong.fixtures.Writeups.Mistake;

/**
 * Marked copies of write-ups and the letters' section on documents, from a run: 郑州大学 sends a write-up with the
 * usual mistakes (仿宋 body at 1.5 lines, 公文 margins, no 经验总结, a caption above its picture, a clipped picture)
 * and one of its two pictures as a JPG, and a case without a write-up; 河南科技大学 a write-up whose only mistakes
 * come after its table (a body paragraph in 楷体) and inside it (a cell at 12 pt), so that the numbering across a
 * table is proved; 河南大学 a table with a bad phone number and no document at all.
 */
class MarkedWriteupsTest {

    private static final String HAUST_TITLE = "河南科技大学“校企协同创新”助企典型案例";

    @TempDir
    static Path work;

    static Path latest;
    static Path zzuCopy;
    static Path haustCopy;
    static List<CSVRecord> issues;

    @BeforeAll
    static void consolidate() throws Exception {
        Path inbox = work.resolve("inbox");
        Workbooks.xlsx(inbox.resolve("郑州大学/附件5.xlsx"), Workbooks.casesSheet("郑州大学", List.of(
                r(1, Writeups.TITLE, "简介。", "郑州大学", "高校", "王芳", "13937100001"),
                r(2, "产教融合共同体建设", "简介。", "郑州大学", "高校", "王芳", "13937100001"))));
        Writeups.direct(inbox.resolve("郑州大学/典型案例材料.docx"), EnumSet.allOf(Mistake.class));
        Files.write(inbox.resolve("郑州大学/图1.jpg"), Writeups.jpeg(1));

        Workbooks.xlsx(inbox.resolve("河南科技大学/附件5.xlsx"), Workbooks.casesSheet("河南科技大学", List.of(
                r(1, HAUST_TITLE, "简介。", "河南科技大学", "高校", "李明", "13937900001"))));
        haust(Writeups.direct(work.resolve("haust.docx"), Set.of()), inbox.resolve("河南科技大学/案例材料.docx"));
        Files.write(inbox.resolve("河南科技大学/图1.jpg"), Writeups.jpeg(1));
        Files.write(inbox.resolve("河南科技大学/图2.jpg"), Writeups.jpeg(2));

        Workbooks.xlsx(inbox.resolve("河南大学/附件5.xlsx"), Workbooks.casesSheet("河南大学", List.of(
                r(1, "乡村振兴助力计划", "简介。", "河南大学", "高校", "李雷", "电话待定"))));

        latest = ReportOutputs.consolidate(inbox, work.resolve("output"), "marked-writeups");
        zzuCopy = latest.resolve("反馈/郑州大学/典型案例材料.docx");
        haustCopy = latest.resolve("反馈/河南科技大学/案例材料.docx");
        issues = Feeds.records(latest.resolve("csv/issues.csv"));
    }

    /** A compliant write-up retitled, with 楷体 in the body paragraph after the table and a 12 pt table cell. */
    private static void haust(Path from, Path to) throws Exception {
        try (InputStream in = Files.newInputStream(from); XWPFDocument doc = new XWPFDocument(in)) {
            doc.getParagraphs().get(0).getRuns().get(0).setText(HAUST_TITLE, 0);
            for (XWPFParagraph p : doc.getParagraphs()) {
                if (p.getText().startsWith("坚持需求导向")) {
                    p.getRuns().get(0).setFontFamily("楷体", XWPFRun.FontCharRange.eastAsia);
                }
            }
            doc.getTables().get(0).getRow(0).getCell(1).getParagraphs().get(0).getRuns().get(0).setFontSize(12);
            Files.createDirectories(to.getParent());
            try (OutputStream out = Files.newOutputStream(to)) {
                doc.write(out);
            }
        }
    }

    private static String message(String file, String code) {
        return issues.stream().filter(i -> i.get("file").equals(file) && i.get("code").equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + code)).get("message");
    }

    @Test
    void theWriteupsCopyCarriesEachIssueAsAWordCommentOnTheParagraphsItNames() throws Exception {
        String f = "郑州大学/典型案例材料.docx";
        assertThat(issues).filteredOn(i -> i.get("file").equals(f)).extracting(i -> i.get("code"))
                .containsExactlyInAnyOrder("DOC_MARGINS", "DOC_MISSING_SECTION", "DOC_FONT", "DOC_LINE_SPACING",
                        "DOC_CAPTION_POSITION", "DOC_PICTURE_CLIPPED", "DOC_PICTURE_NOT_SENT");
        Map<Integer, List<String>> expected = new LinkedHashMap<>();
        expected.put(1, List.of(message(f, "DOC_MARGINS"), message(f, "DOC_MISSING_SECTION")));
        for (int body : new int[] {3, 4, 6}) { // “第3、4、6段等8段”: the paragraphs the message lists
            expected.put(body, List.of(message(f, "DOC_FONT"), message(f, "DOC_LINE_SPACING")));
        }
        expected.put(7, List.of(message(f, "DOC_CAPTION_POSITION")));
        expected.put(10, List.of(message(f, "DOC_PICTURE_CLIPPED"), message(f, "DOC_PICTURE_NOT_SENT")));
        assertThat(commentsByParagraph(zzuCopy)).isEqualTo(expected);
    }

    @Test
    void paragraphsAfterAndInsideATableAreNumberedAsTheCheckerNumbersThem() throws Exception {
        String f = "河南科技大学/案例材料.docx";
        assertThat(issues).filteredOn(i -> i.get("file").equals(f)).extracting(i -> i.get("code") + "@" + i.get("row"))
                .containsExactlyInAnyOrder("DOC_FONT@23", "DOC_FONT_SIZE@16");
        assertThat(commentsByParagraph(haustCopy)).isEqualTo(Map.of(16, List.of(message(f, "DOC_FONT_SIZE")),
                23, List.of(message(f, "DOC_FONT"))));
        try (XWPFDocument doc = open(haustCopy)) {
            assertThat(paragraphs(doc).get(22).getText()).startsWith("坚持需求导向");
            assertThat(paragraphs(doc).get(15).getText()).isEqualTo("2023年");
        }
    }

    @Test
    void commentsAreWholeWordCommentsByTheOrganisationAndTheOriginalIsUnchanged() throws Exception {
        try (XWPFDocument doc = open(zzuCopy)) {
            assertThat(doc.getComments()).hasSize(11).allSatisfy(c -> {
                assertThat(c.getAuthor()).isEqualTo("河南省教育厅");
                assertThat(c.getInitials()).isEqualTo("省教育厅");
                assertThat(c.getDate()).isNotNull();
            });
            for (XWPFParagraph p : paragraphs(doc)) {
                CTP ctp = p.getCTP();
                List<BigInteger> starts = ctp.getCommentRangeStartList().stream().map(CTMarkupRange::getId).toList();
                List<BigInteger> ends = ctp.getCommentRangeEndList().stream().map(CTMarkupRange::getId).toList();
                List<BigInteger> refs = new ArrayList<>();
                for (CTR r : ctp.getRList()) {
                    r.getCommentReferenceList().forEach(m -> refs.add(m.getId()));
                }
                assertThat(ends).containsExactlyInAnyOrderElementsOf(starts);
                assertThat(refs).containsExactlyInAnyOrderElementsOf(starts);
                // the range opens before the paragraph's first run and closes after its last text run
                Node first = firstContent(ctp.getDomNode());
                if (!starts.isEmpty()) {
                    assertThat(first.getLocalName()).isEqualTo("commentRangeStart");
                }
            }
        }
        // the original has no comment, and the copy's other content is the original's: same paragraphs and pictures
        try (XWPFDocument copy = open(zzuCopy);
                XWPFDocument original = open(work.resolve("inbox/郑州大学/典型案例材料.docx"))) {
            assertThat(original.getDocComments()).isNull();
            assertThat(paragraphs(copy).stream().map(XWPFParagraph::getText).toList())
                    .isEqualTo(paragraphs(original).stream().map(XWPFParagraph::getText).toList());
            assertThat(copy.getAllPictures()).hasSameSizeAs(original.getAllPictures());
        }
    }

    @Test
    void libreOfficeShowsEachCommentOnItsParagraph() throws Exception {
        LibreOffice.assumeWriterAvailable();
        Path fodt = LibreOffice.convert(zzuCopy, "fodt", work.resolve("lo"));
        List<LoParagraph> paras = loParagraphs(fodt);
        String f = "郑州大学/典型案例材料.docx";
        assertThat(paras.stream().mapToInt(p -> p.annotations.size()).sum()).isEqualTo(11);
        // several comments on one paragraph: LibreOffice anchors them all at its start, in an order of its own
        assertThat(annotated(paras, Writeups.TITLE)).containsExactlyInAnyOrder(message(f, "DOC_MARGINS"),
                message(f, "DOC_MISSING_SECTION"));
        for (String body : List.of("2024年，学校与ABC", "企业地处郑州航空港区", "学校建立“企业出题")) {
            assertThat(annotated(paras, body)).containsExactlyInAnyOrder(message(f, "DOC_FONT"),
                    message(f, "DOC_LINE_SPACING"));
        }
        assertThat(annotated(paras, "双方共建联合实验室")).isEmpty();
        assertThat(annotated(paras, "图1 校企联合实验室揭牌")).containsExactly(message(f, "DOC_CAPTION_POSITION"));
        List<LoParagraph> pictures = paras.stream().filter(p -> p.picture).toList();
        assertThat(pictures).hasSize(2);
        assertThat(pictures.get(0).annotations).isEmpty();
        assertThat(pictures.get(1).annotations).containsExactlyInAnyOrder(message(f, "DOC_PICTURE_CLIPPED"),
                message(f, "DOC_PICTURE_NOT_SENT"));
        assertThat(paras).flatMap(p -> p.creators).containsOnly("河南省教育厅");
    }

    @Test
    void theLetterExplainsTheDocumentsProblemsInPlainWords() throws Exception {
        List<String> letter = FeedbackFiles.letterText(FeedbackFiles.letter(latest, "郑州大学"));
        String heading = DocumentAdvice.line("heading");
        assertThat(letter).contains(heading);
        String doc = letter.stream().filter(p -> p.startsWith("郑州大学/典型案例材料.docx：")).findFirst().orElseThrow();
        assertThat(doc.lines().toList()).containsExactly("郑州大学/典型案例材料.docx：",
                "1. 页边距应为上下各2.54厘米、左右各3.18厘米，本文件为上3.70、下3.50、左2.80、右2.60厘米。",
                "2. 未找到“经验总结”部分。典型案例材料（附件4）应包括实施背景、主要做法、取得成效、经验总结。",
                "3. 正文的中文字体应为仿宋_GB2312，第3、4、6段等8段为仿宋（仿宋与仿宋_GB2312不是同一种字体）。",
                "4. 正文的行距应为固定值30磅，第3、4、6段等8段为1.5倍行距。",
                "5. 图题应位于图片下方：第7段的图题在图片上方。",
                "6. 第10段的图片所在段落行距为固定值30磅，图片被固定行距遮挡，只显示出一部分。",
                "7. 文中第10段的图片（image2.jpeg）没有单独报送 JPG 文件。案例材料撰写要求图片同时单独报送 JPG 格式文件。",
                "已在这份文档的副本中把上述问题作为批注标在相应段落旁，见“反馈/郑州大学/典型案例材料.docx”（用 Word 或 WPS 打开，批注显示在页面右侧）。");
        assertThat(letter).contains("郑州大学/附件5.xlsx：\n1. 案例“产教融合共同体建设”没有收到典型案例材料（Word 文档）。");
        String fixes = letter.stream().filter(p -> p.startsWith("改法：")).findFirst().orElseThrow();
        assertThat(fixes.lines().toList()).containsExactly("改法：",
                "· " + DocumentAdvice.fix("DOC_FONT"), "· " + DocumentAdvice.fix("DOC_LINE_SPACING"),
                "· " + DocumentAdvice.fix("DOC_MARGINS"), "· " + DocumentAdvice.fix("DOC_MISSING_SECTION"),
                "· " + DocumentAdvice.fix("DOC_CAPTION_POSITION"), "· " + DocumentAdvice.fix("DOC_PICTURE_CLIPPED"),
                "· " + DocumentAdvice.fix("DOC_PICTURE_NOT_SENT"), "· " + DocumentAdvice.fix("CASE_WITHOUT_WRITEUP"),
                DocumentAdvice.line("resend"));
        assertThat(fixes).contains("行距", "单倍行距", "页边距", "自定义页边距", "另存为图片");
        // in the issue list below the letter a write-up's place is its paragraph
        assertThat(cn.huizong.fixtures.WorkbookText.of(FeedbackFiles.letter(latest, "郑州大学"))).contains("第3段", "第10段")
                .doesNotContain("第3行");
        // the table copy is still announced as before; the .docx copy only in the section on documents
        String copies = letter.stream().filter(p -> p.startsWith("为便于修改")).findFirst().orElseThrow();
        assertThat(copies).contains("附件5.xlsx").doesNotContain(".docx");
    }

    @Test
    void aUnitWithoutDocumentProblemsGetsNoSectionOnDocuments() throws Exception {
        List<String> letter = FeedbackFiles.letterText(FeedbackFiles.letter(latest, "河南大学"));
        assertThat(letter).isNotEmpty().noneMatch(p -> p.contains(DocumentAdvice.line("heading"))
                || p.startsWith("改法：") || p.contains(".docx"));
        assertThat(String.join("\n", letter)).contains("需要修改");
        assertThat(FeedbackFiles.markedCopies(latest, "河南大学")).extracting(p -> p.getFileName().toString())
                .containsExactly("附件5.xlsx");
    }

    // --- helpers

    private static XWPFDocument open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XWPFDocument(in);
        }
    }

    /** Body paragraphs and table cells' paragraphs in reading order, written out here rather than borrowed. */
    static List<XWPFParagraph> paragraphs(XWPFDocument doc) {
        List<XWPFParagraph> out = new ArrayList<>();
        collect(doc.getBodyElements(), out);
        return out;
    }

    private static void collect(List<IBodyElement> elements, List<XWPFParagraph> out) {
        for (IBodyElement e : elements) {
            if (e instanceof XWPFParagraph p) {
                out.add(p);
            } else if (e instanceof XWPFTable t) {
                for (XWPFTableRow row : t.getRows()) {
                    for (XWPFTableCell cell : row.getTableCells()) {
                        collect(cell.getBodyElements(), out);
                    }
                }
            }
        }
    }

    /** Paragraph number (1-based) to the texts of the comments anchored in it, in anchor order. */
    static Map<Integer, List<String>> commentsByParagraph(Path docx) throws Exception {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        try (XWPFDocument doc = open(docx)) {
            List<XWPFParagraph> paras = paragraphs(doc);
            for (int n = 0; n < paras.size(); n++) {
                List<String> texts = new ArrayList<>();
                for (CTMarkupRange start : paras.get(n).getCTP().getCommentRangeStartList()) {
                    XWPFComment c = doc.getCommentByID(start.getId().toString());
                    texts.add(c.getText());
                }
                if (!texts.isEmpty()) {
                    out.put(n + 1, texts);
                }
            }
        }
        return out;
    }

    private static Node firstContent(Node p) {
        for (Node c = p.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element && !"pPr".equals(c.getLocalName())) {
                return c;
            }
        }
        return null;
    }

    /** A paragraph of LibreOffice's flat XML: its own text, whether it holds a picture, its annotations. */
    record LoParagraph(String text, boolean picture, List<String> annotations, List<String> creators) {
    }

    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static final String DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
    private static final String DC = "http://purl.org/dc/elements/1.1/";

    static List<LoParagraph> loParagraphs(Path fodt) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document xml = f.newDocumentBuilder().parse(fodt.toFile());
        Element body = (Element) xml.getElementsByTagNameNS(OFFICE, "text").item(0);
        List<LoParagraph> out = new ArrayList<>();
        walk(body, out);
        return out;
    }

    private static void walk(Node n, List<LoParagraph> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) {
                continue;
            }
            if (TEXT.equals(e.getNamespaceURI()) && ("p".equals(e.getLocalName()) || "h".equals(e.getLocalName()))) {
                StringBuilder text = new StringBuilder();
                List<String> annotations = new ArrayList<>();
                List<String> creators = new ArrayList<>();
                boolean[] picture = {false};
                inside(e, text, annotations, creators, picture);
                out.add(new LoParagraph(text.toString(), picture[0], annotations, creators));
            } else {
                walk(e, out);
            }
        }
    }

    private static void inside(Node n, StringBuilder text, List<String> annotations, List<String> creators,
            boolean[] picture) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE) {
                text.append(c.getNodeValue());
            } else if (c instanceof Element e) {
                if (OFFICE.equals(e.getNamespaceURI()) && "annotation".equals(e.getLocalName())) {
                    StringBuilder said = new StringBuilder();
                    var ps = e.getElementsByTagNameNS(TEXT, "p");
                    for (int i = 0; i < ps.getLength(); i++) {
                        said.append(ps.item(i).getTextContent());
                    }
                    annotations.add(said.toString());
                    var who = e.getElementsByTagNameNS(DC, "creator");
                    if (who.getLength() > 0) {
                        creators.add(who.item(0).getTextContent());
                    }
                } else if (DRAW.equals(e.getNamespaceURI()) && "frame".equals(e.getLocalName())) {
                    picture[0] = true;
                } else {
                    inside(e, text, annotations, creators, picture);
                }
            }
        }
    }

    /** The annotations of the one paragraph whose text starts so. */
    private static List<String> annotated(List<LoParagraph> paras, String start) {
        List<LoParagraph> hits = paras.stream().filter(p -> p.text.startsWith(start)).toList();
        assertThat(hits).as(start).hasSize(1);
        return hits.get(0).annotations;
    }
}

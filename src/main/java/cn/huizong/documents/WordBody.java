package cn.huizong.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.xml.namespace.QName;

import org.apache.poi.xwpf.usermodel.IRunBody;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFPictureData;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlObject;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBody;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTbl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTc;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import cn.huizong.support.Sha256;

/**
 * A .docx as the checks see it: its paragraphs in reading order (table cells row by row, numbered like the
 * others: 第N段 counts every paragraph, empty ones too), each with its effective formatting; the page margins
 * of each section; the pictures.
 *
 * <p>The walk is over the document's XML, not POI's body elements, which leave out what templates are made of:
 * POI's body and table cells skip block content controls (w:sdt: a 公文 template's title or body in a control),
 * rows and cells in content controls, and {@code XWPFParagraph.getRuns()} leaves out the runs of inline content
 * controls while keeping deleted ones (w:del). Here content controls, custom XML, smart tags, hyperlinks, simple
 * fields, insertions and moves-to are looked through, in document order, and deletions and moves-from are not
 * text. One walk serves both readings ({@link Reading}): the check's, and the numbering a marked copy's comments
 * use ({@link WordParagraphs}), so 第N段 is the same paragraph in both.
 */
final class WordBody {

    /** What a walk keeps besides the paragraphs' numbers, texts and pictures' places. */
    enum Reading {
        /** Effective formatting and the pictures' bytes (hashed), for the check. */
        CHECK,
        /** The XWPF paragraph behind each number, for comments; no formatting, no picture bytes read. */
        NUMBERING
    }

    /** A run of text with its effective formatting. */
    record Run(String text, Formatting.RunFormat format) {
    }

    /**
     * A paragraph.
     *
     * @param table         ordinal of the table it sits in (0, 1 …), or -1 in the body
     * @param picture       it holds a picture
     * @param pictureHeight the tallest picture's height in points (0 where unknown)
     * @param runs          its runs with text (none when read for {@link Reading#NUMBERING})
     */
    record Para(int number, String text, int table, boolean picture, double pictureHeight,
            Formatting.ParaFormat format, List<Run> runs) {

        boolean blank() {
            return text.isBlank();
        }
    }

    /** Page margins of one section, in twips. */
    record Margins(double top, double bottom, double left, double right) {
    }

    private static final String VML_IMAGE = "imagedata";
    private static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    /**
     * Elements that only group content: their children are read as if in their place. w:sdt is one (its sdtPr
     * and sdtEndPr are then met and ignored like any other property); w:del and w:moveFrom are not, so deleted
     * runs are not read.
     */
    private static final Set<String> WRAPPERS = Set.of("sdt", "sdtContent", "customXml", "smartTag", "hyperlink",
            "fldSimple", "ins", "moveTo", "dir", "bdo");
    /** Run children that may hold a picture (mc:AlternateContent holds a drawing and its VML fallback). */
    private static final Set<String> PICTURE_HOLDERS = Set.of("drawing", "pict", "object", "AlternateContent");
    /** A paragraph's format where it is not read ({@link Reading#NUMBERING}). */
    private static final Formatting.ParaFormat UNREAD = new Formatting.ParaFormat(Formatting.SINGLE_LINE, "auto",
            "left", 9);

    final List<Para> paras = new ArrayList<>();
    final List<Margins> margins = new ArrayList<>();
    final List<DocumentPicture> pictures = new ArrayList<>();
    /** The paragraph behind each of {@link #paras}, same order, when read for {@link Reading#NUMBERING}. */
    final List<XWPFParagraph> sources = new ArrayList<>();
    private final Map<String, DocumentPicture> seen = new LinkedHashMap<>();
    private final XWPFDocument doc;
    private final Reading reading;
    private final Formatting formatting;
    private int tables;

    private WordBody(XWPFDocument doc, Reading reading) {
        this.doc = doc;
        this.reading = reading;
        this.formatting = doc == null || reading != Reading.CHECK ? null : new Formatting(doc);
    }

    /** A body to fill from another reader (.doc). */
    static WordBody empty() {
        return new WordBody(null, Reading.CHECK);
    }

    /** For the check: paragraphs with their effective formatting, margins, pictures with their hashes. */
    static WordBody read(XWPFDocument doc) {
        return read(doc, Reading.CHECK);
    }

    static WordBody read(XWPFDocument doc, Reading reading) {
        WordBody body = new WordBody(doc, reading);
        CTBody b = doc.getDocument().getBody();
        body.blocks(b, -1, null);
        if (b.isSetSectPr()) {
            body.section(b.getSectPr());
        }
        if (body.margins.isEmpty()) {
            body.section(null);
        }
        return body;
    }

    /** The elements of a parent in document order, looking through {@link #WRAPPERS}. */
    private static void contents(XmlObject parent, Consumer<XmlObject> visit) {
        try (XmlCursor c = parent.newCursor()) {
            for (boolean at = c.toFirstChild(); at; at = c.toNextSibling()) {
                QName name = c.getName();
                if (W.equals(name.getNamespaceURI()) && WRAPPERS.contains(name.getLocalPart())) {
                    contents(c.getObject(), visit);
                } else {
                    visit.accept(c.getObject());
                }
            }
        }
    }

    /** Paragraphs and tables of the body, a table cell or a content control. */
    private void blocks(XmlObject parent, int table, String tableStyle) {
        contents(parent, e -> {
            if (e instanceof CTP p) {
                paragraph(p, table, tableStyle);
            } else if (e instanceof CTTbl t) {
                table(t, table);
            }
        });
    }

    /** Row by row, cell by cell; a nested table's paragraphs belong to the outer table (one table on the page). */
    private void table(CTTbl t, int outer) {
        int id = outer >= 0 ? outer : tables++;
        String named = t.getTblPr() != null && t.getTblPr().isSetTblStyle() ? t.getTblPr().getTblStyle().getVal()
                : null;
        String style = formatting == null ? null : formatting.tableStyle(named);
        contents(t, row -> {
            if (row instanceof CTRow r) {
                contents(r, cell -> {
                    if (cell instanceof CTTc tc) {
                        blocks(tc, id, style);
                    }
                });
            }
        });
    }

    private void paragraph(CTP ctp, int table, String tableStyle) {
        int number = paras.size() + 1;
        XWPFParagraph source = reading == Reading.NUMBERING ? new XWPFParagraph(ctp, doc) : null;
        StringBuilder text = new StringBuilder();
        List<Run> runs = new ArrayList<>();
        boolean picture = false;
        double height = 0;
        List<CTR> all = new ArrayList<>();
        contents(ctp, e -> {
            if (e instanceof CTR r) {
                all.add(r);
            }
        });
        for (CTR r : all) {
            String t = text(r);
            text.append(t);
            if (formatting != null && !t.isEmpty()) {
                runs.add(new Run(t, formatting.run(r, ctp, tableStyle)));
            }
            if (!mayHoldPicture(r)) {
                continue;
            }
            if (source == null) {
                source = new XWPFParagraph(ctp, doc); // POI's run reads the pictures: it needs a paragraph
            }
            for (XWPFPicture pic : new XWPFRun(r, (IRunBody) source).getEmbeddedPictures()) {
                picture = true;
                height = Math.max(height, pic.getDepth());
                if (reading == Reading.CHECK) {
                    picture(number, pic.getPictureData());
                }
            }
            for (String rid : vmlImages(r.getDomNode())) {
                picture = true;
                if (reading == Reading.CHECK && doc.getRelationById(rid) instanceof XWPFPictureData data) {
                    picture(number, data);
                }
            }
        }
        if (ctp.isSetPPr() && ctp.getPPr().isSetSectPr()) {
            section(ctp.getPPr().getSectPr());
        }
        paras.add(new Para(number, text.toString(), table, picture, height,
                formatting == null ? UNREAD : formatting.paragraph(ctp, tableStyle), List.copyOf(runs)));
        if (reading == Reading.NUMBERING) {
            sources.add(source);
        }
    }

    private static boolean mayHoldPicture(CTR r) {
        try (XmlCursor c = r.newCursor()) {
            for (boolean at = c.toFirstChild(); at; at = c.toNextSibling()) {
                if (PICTURE_HOLDERS.contains(c.getName().getLocalPart())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A run's text as POI's XWPFRun reads it (w:t, tabs, breaks, a ruby's base text), without field codes
     * (w:instrText), deleted text (w:delText) or footnote marks.
     */
    private static String text(XmlObject run) {
        StringBuilder out = new StringBuilder();
        try (XmlCursor c = run.newCursor()) {
            for (boolean at = c.toFirstChild(); at; at = c.toNextSibling()) {
                QName name = c.getName();
                if (!W.equals(name.getNamespaceURI())) {
                    continue;
                }
                switch (name.getLocalPart()) {
                    case "t" -> out.append(c.getTextValue());
                    case "tab", "ptab" -> out.append('\t');
                    case "br", "cr" -> out.append('\n');
                    case "ruby" -> {
                        try (XmlCursor base = c.newCursor()) {
                            if (base.toChild(W, "rubyBase")) {
                                contents(base.getObject(), e -> {
                                    if (e instanceof CTR r) {
                                        out.append(text(r));
                                    }
                                });
                            }
                        }
                    }
                    default -> {
                        // properties, field characters, drawings …: no text of the paragraph
                    }
                }
            }
        }
        return out.toString();
    }

    private void picture(int paragraph, XWPFPictureData data) {
        if (data == null) {
            return; // a linked picture: nothing inside the file to match
        }
        String name = data.getPackagePart().getPartName().getName();
        if (!seen.containsKey(name)) {
            byte[] bytes = data.getData();
            DocumentPicture pic = new DocumentPicture(paragraph, data.getFileName(), Sha256.of(bytes), bytes.length);
            seen.put(name, pic);
            pictures.add(pic);
        }
    }

    /** r:id of the VML pictures (v:imagedata) of a run, as older Word and WPS write them. */
    private static List<String> vmlImages(Node run) {
        List<String> ids = new ArrayList<>();
        collect(run, ids, 0);
        return ids;
    }

    private static void collect(Node n, List<String> ids, int depth) {
        if (depth > 16) {
            return;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                if (VML_IMAGE.equals(e.getLocalName()) && !e.getAttributeNS(REL_NS, "id").isEmpty()) {
                    ids.add(e.getAttributeNS(REL_NS, "id"));
                } else if (!"drawing".equals(e.getLocalName())) {
                    collect(e, ids, depth + 1);
                }
            }
        }
    }

    /** Margins of a section; Word's 1 inch (1440 twips) all round where the section says none. */
    private void section(CTSectPr s) {
        if (s == null || !s.isSetPgMar()) {
            margins.add(new Margins(1440, 1440, 1440, 1440));
            return;
        }
        var m = s.getPgMar();
        margins.add(new Margins(Math.abs(Measures.twips(m.getTop())), Math.abs(Measures.twips(m.getBottom())),
                Measures.twips(m.getLeft()), Measures.twips(m.getRight())));
    }
}

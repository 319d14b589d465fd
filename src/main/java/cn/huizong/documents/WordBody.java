package cn.huizong.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFPictureData;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import cn.huizong.support.Sha256;

/**
 * A .docx as the checks see it: its paragraphs in reading order (table cells row by row, numbered like the
 * others: 第N段 counts every paragraph, empty ones too), each with its effective formatting; the page margins
 * of each section; the pictures.
 */
final class WordBody {

    /** A run of text with its effective formatting. */
    record Run(String text, Formatting.RunFormat format) {
    }

    /**
     * A paragraph.
     *
     * @param table         ordinal of the table it sits in (0, 1 …), or -1 in the body
     * @param picture       it holds a picture
     * @param pictureHeight the tallest picture's height in points (0 where unknown)
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

    final List<Para> paras = new ArrayList<>();
    final List<Margins> margins = new ArrayList<>();
    final List<DocumentPicture> pictures = new ArrayList<>();
    /** The paragraph behind each of {@link #paras}, same order: what a marked copy comments on (.docx only). */
    final List<XWPFParagraph> sources = new ArrayList<>();
    private final Map<String, DocumentPicture> seen = new LinkedHashMap<>();
    private final XWPFDocument doc;
    private final Formatting formatting;
    private int tables;

    private WordBody(XWPFDocument doc) {
        this.doc = doc;
        this.formatting = doc == null ? null : new Formatting(doc);
    }

    /** A body to fill from another reader (.doc). */
    static WordBody empty() {
        return new WordBody(null);
    }

    static WordBody read(XWPFDocument doc) {
        WordBody body = new WordBody(doc);
        body.elements(doc.getBodyElements(), -1, null);
        if (doc.getDocument().getBody().isSetSectPr()) {
            body.section(doc.getDocument().getBody().getSectPr());
        }
        if (body.margins.isEmpty()) {
            body.section(null);
        }
        return body;
    }

    private void elements(List<IBodyElement> elements, int table, String tableStyle) {
        for (IBodyElement e : elements) {
            if (e instanceof XWPFParagraph p) {
                paragraph(p, table, tableStyle);
            } else if (e instanceof XWPFTable t) {
                int id = table >= 0 ? table : tables++;
                String named = t.getCTTbl().getTblPr() != null && t.getCTTbl().getTblPr().isSetTblStyle()
                        ? t.getCTTbl().getTblPr().getTblStyle().getVal() : null;
                String style = formatting.tableStyle(named);
                for (XWPFTableRow row : t.getRows()) {
                    for (XWPFTableCell cell : row.getTableCells()) {
                        elements(cell.getBodyElements(), id, style);
                    }
                }
            }
        }
    }

    private void paragraph(XWPFParagraph p, int table, String tableStyle) {
        int number = paras.size() + 1;
        List<Run> runs = new ArrayList<>();
        boolean picture = false;
        double height = 0;
        for (XWPFRun r : p.getRuns()) {
            String text = r.text();
            if (text != null && !text.isEmpty()) {
                runs.add(new Run(text, formatting.run(r, p, tableStyle)));
            }
            for (XWPFPicture pic : r.getEmbeddedPictures()) {
                picture = true;
                height = Math.max(height, pic.getDepth());
                picture(number, pic.getPictureData());
            }
            for (String rid : vmlImages(r.getCTR().getDomNode())) {
                picture = true;
                if (doc.getRelationById(rid) instanceof XWPFPictureData data) {
                    picture(number, data);
                }
            }
        }
        if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()) {
            section(p.getCTP().getPPr().getSectPr());
        }
        paras.add(new Para(number, p.getText(), table, picture, height, formatting.paragraph(p, tableStyle),
                List.copyOf(runs)));
        sources.add(p);
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

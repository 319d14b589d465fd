package cn.huizong.documents;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrBase;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The formatting Word shows, not only what is written on the run: POI's XWPF returns direct formatting alone (an
 * inherited font is null). Each property is taken from the first level that sets it, in Word's order: direct
 * formatting → character style → paragraph style and its basedOn chain → table style (cells) → document
 * defaults (docDefaults) → built-in defaults; a font slot set to a theme font (asciiTheme, eastAsiaTheme …)
 * resolves through {@link ThemeFonts}, and at one level a theme reference wins over a plain name, as in Word.
 */
final class Formatting {

    /** Word's values where nothing sets one: 10 pt text, single spacing, left alignment. */
    static final int DEFAULT_HALF_POINTS = 20;
    static final int SINGLE_LINE = 240;

    /** Effective run formatting: the font of each slot (null where nothing names one) and the size. */
    record RunFormat(String ascii, String hAnsi, String eastAsia, int halfPoints) {

        double points() {
            return halfPoints / 2.0;
        }
    }

    /**
     * Effective paragraph formatting.
     *
     * @param line     w:spacing/@w:line: twips for exact and atLeast, 240ths of a line for auto
     * @param lineRule auto, exact or atLeast
     * @param align    left, center, right, both, distribute
     * @param outline  outline level 0–8, or 9 (body text)
     */
    record ParaFormat(int line, String lineRule, String align, int outline) {

        boolean exact() {
            return "exact".equals(lineRule);
        }
    }

    private final Map<String, CTStyle> styles = new HashMap<>();
    private final String defaultParagraphStyle;
    private final String defaultTableStyle;
    private final CTRPr defaultRun;
    private final CTPPrBase defaultParagraph;
    private final ThemeFonts theme;
    private final Map<String, List<CTStyle>> chains = new HashMap<>();

    Formatting(XWPFDocument doc) {
        this.theme = ThemeFonts.of(doc);
        XWPFStyles xs = doc.getStyles();
        CTStyles ct = xs == null ? null : xs.getCtStyles();
        String defaultPara = null;
        String defaultTable = null;
        CTRPr rDefault = null;
        CTPPrBase pDefault = null;
        if (ct != null) {
            for (CTStyle s : ct.getStyleArray()) {
                if (s.getStyleId() == null) {
                    continue;
                }
                styles.putIfAbsent(s.getStyleId(), s);
                if (isDefault(s) && s.getType() == STStyleType.PARAGRAPH && defaultPara == null) {
                    defaultPara = s.getStyleId();
                }
                if (isDefault(s) && s.getType() == STStyleType.TABLE && defaultTable == null) {
                    defaultTable = s.getStyleId();
                }
            }
            if (ct.isSetDocDefaults()) {
                var dd = ct.getDocDefaults();
                rDefault = dd.isSetRPrDefault() && dd.getRPrDefault().isSetRPr() ? dd.getRPrDefault().getRPr() : null;
                pDefault = dd.isSetPPrDefault() && dd.getPPrDefault().isSetPPr() ? dd.getPPrDefault().getPPr() : null;
            }
        }
        this.defaultParagraphStyle = defaultPara;
        this.defaultTableStyle = defaultTable;
        this.defaultRun = rDefault;
        this.defaultParagraph = pDefault;
    }

    private static boolean isDefault(CTStyle s) {
        Object d = s.getDefault();
        return d != null && ("1".equals(String.valueOf(d)) || "true".equals(String.valueOf(d))
                || Boolean.TRUE.equals(d));
    }

    /** The table style a table names, or the document's default table style. */
    String tableStyle(String named) {
        return named != null && styles.containsKey(named) ? named : defaultTableStyle;
    }

    /** The paragraph style a paragraph names, or the default paragraph style (Normal). */
    String paragraphStyle(CTP p) {
        String id = p.isSetPPr() && p.getPPr().isSetPStyle() ? p.getPPr().getPStyle().getVal() : null;
        return id != null && styles.containsKey(id) ? id : defaultParagraphStyle;
    }

    RunFormat run(XWPFRun run, XWPFParagraph p, String tableStyle) {
        return run(run.getCTR(), p.getCTP(), tableStyle);
    }

    /** A run wherever it sits in its paragraph: in a hyperlink, a field, a content control, an insertion … */
    RunFormat run(CTR run, CTP p, String tableStyle) {
        List<CTRPr> layers = new ArrayList<>();
        CTRPr direct = run.getRPr();
        if (direct != null) {
            layers.add(direct);
        }
        String charStyle = direct != null && direct.sizeOfRStyleArray() > 0 ? direct.getRStyleArray(0).getVal() : null;
        for (CTStyle s : chain(charStyle)) {
            if (s.isSetRPr()) {
                layers.add(s.getRPr());
            }
        }
        for (CTStyle s : chain(paragraphStyle(p))) {
            if (s.isSetRPr()) {
                layers.add(s.getRPr());
            }
        }
        if (tableStyle != null) {
            for (CTStyle s : chain(tableStyle)) {
                if (s.isSetRPr()) {
                    layers.add(s.getRPr());
                }
            }
        }
        if (defaultRun != null) {
            layers.add(defaultRun);
        }
        return new RunFormat(
                font(layers, f -> f.isSetAsciiTheme() ? f.getAsciiTheme().toString() : null,
                        f -> f.isSetAscii() ? f.getAscii() : null),
                font(layers, f -> f.isSetHAnsiTheme() ? f.getHAnsiTheme().toString() : null,
                        f -> f.isSetHAnsi() ? f.getHAnsi() : null),
                font(layers, f -> f.isSetEastAsiaTheme() ? f.getEastAsiaTheme().toString() : null,
                        f -> f.isSetEastAsia() ? f.getEastAsia() : null),
                halfPoints(layers));
    }

    ParaFormat paragraph(CTP p, String tableStyle) {
        List<CTPPrBase> layers = new ArrayList<>();
        if (p.isSetPPr()) {
            layers.add(p.getPPr());
        }
        for (CTStyle s : chain(paragraphStyle(p))) {
            if (s.isSetPPr()) {
                layers.add(s.getPPr());
            }
        }
        if (tableStyle != null) {
            for (CTStyle s : chain(tableStyle)) {
                if (s.isSetPPr()) {
                    layers.add(s.getPPr());
                }
            }
        }
        if (defaultParagraph != null) {
            layers.add(defaultParagraph);
        }
        int line = SINGLE_LINE;
        String rule = "auto";
        for (CTPPrBase l : layers) {
            if (l.isSetSpacing() && l.getSpacing().isSetLine()) {
                line = (int) Math.round(Measures.twips(l.getSpacing().getLine()));
                rule = l.getSpacing().isSetLineRule() ? l.getSpacing().getLineRule().toString() : "auto";
                break;
            }
        }
        String align = "left";
        for (CTPPrBase l : layers) {
            if (l.isSetJc()) {
                align = switch (l.getJc().getVal().toString()) {
                    case "start" -> "left";
                    case "end" -> "right";
                    default -> l.getJc().getVal().toString();
                };
                break;
            }
        }
        int outline = 9;
        for (CTPPrBase l : layers) {
            if (l.isSetOutlineLvl()) {
                BigInteger v = l.getOutlineLvl().getVal();
                outline = v == null ? 9 : v.intValue();
                break;
            }
        }
        return new ParaFormat(line, rule, align, outline);
    }

    /** First level naming the slot wins; at one level a theme font wins over a plain name. */
    private String font(List<CTRPr> layers, Function<CTFonts, String> themeRef, Function<CTFonts, String> name) {
        for (CTRPr l : layers) {
            for (int i = l.sizeOfRFontsArray() - 1; i >= 0; i--) {
                CTFonts f = l.getRFontsArray(i);
                String ref = themeRef.apply(f);
                if (ref != null) {
                    String face = theme.font(ref);
                    if (face != null) {
                        return face;
                    }
                }
                String n = name.apply(f);
                if (n != null && !n.isBlank()) {
                    return n;
                }
            }
        }
        return null;
    }

    private static int halfPoints(List<CTRPr> layers) {
        for (CTRPr l : layers) {
            if (l.sizeOfSzArray() > 0 && l.getSzArray(0).getVal() != null) {
                return (int) Math.round(Measures.halfPoints(l.getSzArray(0).getVal()));
            }
        }
        return DEFAULT_HALF_POINTS;
    }

    /** A style and its basedOn ancestors, nearest first; a cycle or a missing parent ends the chain. */
    private List<CTStyle> chain(String styleId) {
        if (styleId == null) {
            return List.of();
        }
        return chains.computeIfAbsent(styleId, id -> {
            List<CTStyle> out = new ArrayList<>();
            String next = id;
            while (next != null && out.size() < 32) {
                CTStyle s = styles.get(next);
                if (s == null || out.contains(s)) {
                    break;
                }
                out.add(s);
                next = s.isSetBasedOn() ? s.getBasedOn().getVal() : null;
            }
            return List.copyOf(out);
        });
    }
}

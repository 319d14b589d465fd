package cn.huizong.documents;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ooxml.POIXMLDocumentPart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The theme's fonts (word/theme/theme1.xml) that a w:rFonts asciiTheme/eastAsiaTheme attribute points to. The
 * eastAsia face is the {@code <a:font script="Hans">} entry for the document's w:themeFontLang eastAsia language
 * (zh-CN → Hans), as Word picks it; the {@code <a:ea>} typeface where that is absent.
 */
record ThemeFonts(Map<String, String> fonts) {

    static final ThemeFonts NONE = new ThemeFonts(Map.of());
    private static final String DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static final Map<String, String> SCRIPTS = Map.of("zh-cn", "Hans", "zh-sg", "Hans", "zh-tw", "Hant",
            "zh-hk", "Hant", "zh-mo", "Hant", "ja-jp", "Jpan", "ko-kr", "Hang");

    /** A theme font reference (minorEastAsia, majorHAnsi …) as a face name, or null. */
    String font(String themeRef) {
        return themeRef == null ? null : fonts.get(themeRef);
    }

    static ThemeFonts of(XWPFDocument doc) {
        POIXMLDocumentPart theme = doc.getTheme();
        if (theme == null) {
            return NONE;
        }
        String lang = null;
        if (doc.getSettings() != null && doc.getSettings().getCTSettings().isSetThemeFontLang()) {
            lang = doc.getSettings().getCTSettings().getThemeFontLang().getEastAsia();
        }
        String script = lang == null ? null : SCRIPTS.get(lang.toLowerCase(Locale.ROOT));
        try (InputStream in = theme.getPackagePart().getInputStream()) {
            Element root = XMLHelper.newDocumentBuilder().parse(in).getDocumentElement();
            Map<String, String> fonts = new HashMap<>();
            for (String which : new String[] {"major", "minor"}) {
                Element collection = first(root, which + "Font");
                if (collection == null) {
                    continue;
                }
                String latin = typeface(first(collection, "latin"));
                String ea = null;
                for (Node n = collection.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && "font".equals(e.getLocalName()) && script != null
                            && script.equals(e.getAttribute("script"))) {
                        ea = typeface(e);
                    }
                }
                if (ea == null) {
                    ea = typeface(first(collection, "ea"));
                }
                put(fonts, which + "Ascii", latin);
                put(fonts, which + "HAnsi", latin);
                put(fonts, which + "EastAsia", ea);
                put(fonts, which + "Bidi", typeface(first(collection, "cs")));
            }
            return new ThemeFonts(Map.copyOf(fonts));
        } catch (Exception e) {
            // a theme we cannot read leaves theme-font references unresolved: reported as 未指定, never a crash
            return NONE;
        }
    }

    private static void put(Map<String, String> fonts, String key, String value) {
        if (value != null) {
            fonts.put(key, value);
        }
    }

    private static String typeface(Element e) {
        String t = e == null ? "" : e.getAttribute("typeface");
        return t.isBlank() ? null : t;
    }

    /** The first descendant in the drawingML namespace with this local name. */
    private static Element first(Element root, String localName) {
        var list = root.getElementsByTagNameNS(DRAWING, localName);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }
}

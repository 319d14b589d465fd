package cn.huizong.documents;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.usermodel.CharacterRun;
import org.apache.poi.hwpf.usermodel.Paragraph;
import org.apache.poi.hwpf.usermodel.Picture;
import org.apache.poi.hwpf.usermodel.Range;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import cn.huizong.campaign.DocumentRules;
import cn.huizong.support.Sha256;

/**
 * A Word 97-2003 (.doc) file through POI's HWPF, which reads page margins and the size of each run reliably
 * (style and direct formatting already applied). Its fonts of CJK text and its spacing are not read as reliably,
 * so they are not judged: the unit is asked for a .docx.
 */
final class LegacyWord {

    private LegacyWord() {
    }

    /** Paragraphs with their run sizes, margins and pictures, shaped like a .docx's for the same checks. */
    static WordBody read(File file) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file, true); HWPFDocument doc = new HWPFDocument(fs)) {
            WordBody body = WordBody.empty();
            Range range = doc.getRange();
            int table = -1;
            int tables = 0;
            boolean inTable = false;
            for (int i = 0; i < range.numParagraphs(); i++) {
                Paragraph p = range.getParagraph(i);
                if (p.isInTable() && !inTable) {
                    table = tables++;
                }
                inTable = p.isInTable();
                List<WordBody.Run> runs = new ArrayList<>();
                for (int r = 0; r < p.numCharacterRuns(); r++) {
                    CharacterRun run = p.getCharacterRun(r);
                    String text = clean(run.text());
                    if (!text.isEmpty()) {
                        runs.add(new WordBody.Run(text, new Formatting.RunFormat(null, null, null, run.getFontSize())));
                    }
                }
                body.paras.add(new WordBody.Para(body.paras.size() + 1, clean(p.text()), inTable ? table : -1, false,
                        0, new Formatting.ParaFormat(Formatting.SINGLE_LINE, "auto", "left", 9), List.copyOf(runs)));
            }
            for (int s = 0; s < range.numSections(); s++) {
                var section = range.getSection(s);
                body.margins.add(new WordBody.Margins(section.getMarginTop(), section.getMarginBottom(),
                        section.getMarginLeft(), section.getMarginRight()));
            }
            Map<String, DocumentPicture> pictures = new LinkedHashMap<>();
            for (Picture pic : doc.getPicturesTable().getAllPictures()) {
                byte[] content = pic.getContent();
                String sha = Sha256.of(content);
                pictures.putIfAbsent(sha, new DocumentPicture(0, pic.suggestFullFileName(), sha, content.length));
            }
            body.pictures.addAll(pictures.values());
            return body;
        }
    }

    /** The rules HWPF can be trusted with: sizes per role and margins (and sections, from the text). */
    static DocumentRules sizesOnly(DocumentRules rules) {
        Map<String, DocumentRules.RoleRule> roles = new LinkedHashMap<>();
        rules.roles().forEach((role, r) -> {
            if (r.sizePoints() != null) {
                roles.put(role, new DocumentRules.RoleRule(null, null, r.sizePoints(), null, null));
            }
        });
        return new DocumentRules(rules.fontAliases(), rules.wrongFonts(), roles, rules.margins(),
                rules.subheadingPattern(), rules.minorHeadingPattern(), rules.captionPattern(),
                rules.tableTitlePattern(), rules.headingMaxChars(), rules.sections(), rules.minSections(),
                rules.writeupNameWords(), rules.planWords(), rules.plans());
    }

    /** Text without Word's paragraph, cell and field marks. */
    private static String clean(String text) {
        return text.replaceAll("[\\r\\u0007\\u000B\\u000C\\u0013\\u0014\\u0015\\u0001\\u0008]", "");
    }
}

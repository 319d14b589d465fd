package cn.huizong.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.reading.Cell;
import cn.huizong.reading.SheetRow;
import cn.huizong.registry.Names;

/**
 * Recognises a template by its header row: columns are found by title wherever they sit, tolerating line
 * breaks, spaces, bracket widths, required-marks (*) and explanatory suffixes such as （限200字以内）.
 */
public final class TemplateMatcher {

    private static final Pattern TRAILING_NOTE = Pattern.compile("\\([^()]*\\)$");
    private static final Pattern MARKS = Pattern.compile("^[*※]+|[*※]+$");
    /** Longest header cell considered, line breaks and notes such as （限200字以内） included. */
    static final int MAX_TITLE_CHARS = 200;

    /** A header row: for each template column the 0-based sheet column, or -1 where absent. */
    public record HeaderMatch(TemplateSpec template, int[] columnOf, int matched, List<ColumnSpec> missingRequired) {

        public boolean complete() {
            return missingRequired.isEmpty();
        }
    }

    private final List<TemplateSpec> templates;

    public TemplateMatcher(Campaign campaign) {
        this.templates = campaign.templates();
    }

    /** The best template this row is a complete header of. */
    public Optional<HeaderMatch> match(SheetRow row) {
        return candidates(row).stream().filter(HeaderMatch::complete)
                .max((a, b) -> Integer.compare(a.matched(), b.matched()));
    }

    /** A row that looks like a header (three or more titles) but lacks a required column. */
    public Optional<HeaderMatch> nearMiss(SheetRow row) {
        return candidates(row).stream().filter(m -> !m.complete())
                .max((a, b) -> Integer.compare(a.matched(), b.matched()));
    }

    private List<HeaderMatch> candidates(SheetRow row) {
        List<HeaderMatch> out = new ArrayList<>();
        for (TemplateSpec t : templates) {
            int[] columnOf = new int[t.columns().size()];
            Arrays.fill(columnOf, -1);
            int matched = 0;
            for (Cell cell : row.cells()) {
                if (cell.text().length() > MAX_TITLE_CHARS) {
                    continue; // a title is short; a hostile megabyte cell is not normalised 60 times over
                }
                String key = headerKey(cell.text());
                if (key.isEmpty() || key.length() > 60) {
                    continue;
                }
                for (int i = 0; i < columnOf.length; i++) {
                    if (columnOf[i] < 0 && titleMatches(t.columns().get(i), key)) {
                        columnOf[i] = cell.column();
                        matched++;
                        break;
                    }
                }
            }
            if (matched >= Math.min(3, t.columns().size())) {
                List<ColumnSpec> missing = new ArrayList<>();
                for (int i = 0; i < columnOf.length; i++) {
                    if (columnOf[i] < 0 && t.columns().get(i).required()) {
                        missing.add(t.columns().get(i));
                    }
                }
                out.add(new HeaderMatch(t, columnOf, matched, List.copyOf(missing)));
            }
        }
        return out;
    }

    static String headerKey(String text) {
        return MARKS.matcher(Names.header(text)).replaceAll("");
    }

    private static boolean titleMatches(ColumnSpec spec, String key) {
        String stripped = TRAILING_NOTE.matcher(key).replaceAll("");
        for (String title : spec.allTitles()) {
            String t = Names.header(title);
            if (t.equals(key) || t.equals(stripped)) {
                return true;
            }
        }
        return false;
    }
}

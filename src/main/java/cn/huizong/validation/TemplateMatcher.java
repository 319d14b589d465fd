package cn.huizong.validation;

import java.util.ArrayList;
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
final class TemplateMatcher {

    private static final Pattern TRAILING_NOTE = Pattern.compile("\\([^()]*\\)$");
    private static final Pattern MARKS = Pattern.compile("^[*※]+|[*※]+$");
    /** Longest header cell considered, line breaks and notes such as （限200字以内） included. */
    static final int MAX_TITLE_CHARS = 200;

    /**
     * A header: for each template column the 0-based sheet column where it sits ({@code columnOf}, -1 where
     * absent) and every sheet column it takes ({@code columns}: more than one where a merged parent title
     * stands over sub-columns, e.g. 联系人 | 联系电话 under 产业园区（企业）联系人及联系方式).
     */
    public record HeaderMatch(TemplateSpec template, int[] columnOf, int[][] columns, int matched,
            List<ColumnSpec> missingRequired) {

        public boolean complete() {
            return missingRequired.isEmpty();
        }
    }

    /**
     * One sheet column of a header, with the titles it may be read as, best first: for a header over two rows
     * the parent and sub-title together, the sub-title, the parent alone. {@code group} ties the columns under
     * one merged parent title (-1: none), so that they may together stand for one template column.
     */
    public record HeaderColumn(int column, List<String> titles, int group) {
    }

    private final List<TemplateSpec> templates;

    public TemplateMatcher(Campaign campaign) {
        this.templates = campaign.templates();
    }

    /** The best template this row is a complete header of. */
    public Optional<HeaderMatch> match(SheetRow row) {
        return match(single(row));
    }

    /** The best template these header columns are a complete header of. */
    public Optional<HeaderMatch> match(List<HeaderColumn> header) {
        return candidates(header).stream().filter(HeaderMatch::complete)
                .max((a, b) -> Integer.compare(a.matched(), b.matched()));
    }

    /** A row that looks like a header (three or more titles) but lacks a required column. */
    public Optional<HeaderMatch> nearMiss(SheetRow row) {
        return candidates(single(row)).stream().filter(m -> !m.complete())
                .max((a, b) -> Integer.compare(a.matched(), b.matched()));
    }

    private static List<HeaderColumn> single(SheetRow row) {
        List<HeaderColumn> out = new ArrayList<>(row.cells().size());
        for (Cell cell : row.cells()) {
            out.add(new HeaderColumn(cell.column(), List.of(cell.text()), -1));
        }
        return out;
    }

    private List<HeaderMatch> candidates(List<HeaderColumn> header) {
        List<HeaderMatch> out = new ArrayList<>();
        for (TemplateSpec t : templates) {
            int n = t.columns().size();
            List<List<Integer>> taken = new ArrayList<>(n);
            int[] takenByGroup = new int[n]; // the parent group a column was taken through, or -2
            for (int i = 0; i < n; i++) {
                taken.add(new ArrayList<>());
                takenByGroup[i] = -2;
            }
            int matched = 0;
            for (HeaderColumn hc : header) {
                int last = hc.titles().size() - 1;
                search: for (int k = 0; k <= last; k++) {
                    String text = hc.titles().get(k);
                    if (text.length() > MAX_TITLE_CHARS) {
                        continue; // a title is short; a hostile megabyte cell is not normalised 60 times over
                    }
                    String key = headerKey(text);
                    if (key.isEmpty() || key.length() > 60) {
                        continue;
                    }
                    // the parent alone (the last candidate of a grouped column) may stand for several sub-columns
                    boolean throughParent = hc.group() >= 0 && k == last && hc.titles().size() > 1;
                    for (int i = 0; i < n; i++) {
                        if (!titleMatches(t.columns().get(i), key)) {
                            continue;
                        }
                        if (taken.get(i).isEmpty()) {
                            taken.get(i).add(hc.column());
                            takenByGroup[i] = throughParent ? hc.group() : -2;
                            matched++;
                            break search;
                        }
                        if (throughParent && takenByGroup[i] == hc.group()) {
                            taken.get(i).add(hc.column());
                            break search;
                        }
                    }
                }
            }
            if (matched >= Math.min(3, n)) {
                int[] columnOf = new int[n];
                int[][] columns = new int[n][];
                List<ColumnSpec> missing = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    columns[i] = taken.get(i).stream().mapToInt(Integer::intValue).toArray();
                    columnOf[i] = columns[i].length == 0 ? -1 : columns[i][0];
                    if (columnOf[i] < 0 && t.columns().get(i).required()) {
                        missing.add(t.columns().get(i));
                    }
                }
                out.add(new HeaderMatch(t, columnOf, columns, matched, List.copyOf(missing)));
            }
        }
        return out;
    }

    /** Whether the text is a title (or an alias) of one of the template's columns. */
    public boolean isTitle(TemplateSpec t, String text) {
        if (text.length() > MAX_TITLE_CHARS) {
            return false;
        }
        String key = headerKey(text);
        return !key.isEmpty() && t.columns().stream().anyMatch(c -> titleMatches(c, key));
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

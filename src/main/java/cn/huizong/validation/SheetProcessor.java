package cn.huizong.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellRangeAddress;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.reading.Cell;
import cn.huizong.reading.SheetInfo;
import cn.huizong.reading.RowHandler;
import cn.huizong.reading.SheetRow;
import cn.huizong.registry.Names;

/**
 * Turns the rows of one workbook into staged rows and issues: finds the unit line and header row above the
 * table, fills merged cells down, skips blank and note rows, applies the row rules and spots repeated rows.
 */
final class SheetProcessor implements RowHandler {

    /** How far down a sheet the header may sit (title rows, unit line, notes). */
    private static final int HEADER_SCAN_ROWS = 30;
    private static final int MAX_UNIT_LINE_CHARS = 1_000;
    private static final Pattern NOTE = Pattern.compile(
            "^(注|备注|说明|填表说明|填报说明|填报人|审核人|制表人|负责人签字|单位负责人|联系人|联系电话|填报日期|日期)\\s*[:：].*",
            Pattern.DOTALL);
    private static final Pattern SEQUENCE = Pattern.compile("\\d{1,6}");

    private final Campaign campaign;
    private final TemplateMatcher matcher;
    private final Pattern unitLine;
    private final ContentSink sink;
    private final long deadlineNanos;
    private final Map<TemplateSpec, List<RowRule>> rules = new HashMap<>();

    TemplateSpec template;
    String unitText;
    int rowsRead;
    String nearMiss;
    private final Map<String, Integer> firstRowOf = new HashMap<>();

    // per sheet
    private String sheet;
    private int sheetIndex;
    private List<CellRangeAddress> merges;
    private int nextMerge;
    private final List<CellRangeAddress> active = new ArrayList<>();
    private Map<CellRangeAddress, Cell> mergeTops;
    private TemplateMatcher.HeaderMatch header;
    private Map<Integer, String> headerTexts;
    private int scanned;

    SheetProcessor(Campaign campaign, ContentSink sink, long deadlineNanos) {
        this.campaign = campaign;
        this.matcher = new TemplateMatcher(campaign);
        this.sink = sink;
        this.deadlineNanos = deadlineNanos;
        String labels = String.join("|", campaign.unitLabels().stream().map(Pattern::quote).toList());
        this.unitLine = Pattern.compile("(?:" + labels + ")\\s*(?:[(（]\\s*(?:公章|盖章)\\s*[)）])?\\s*[:：]?\\s*(.*?)\\s*(?:[(（]\\s*(?:公章|盖章)\\s*[)）].*|"
                + "(?:填报人|联系人|联系方式|填报日期|日期).*)?$", Pattern.DOTALL);
    }

    @Override
    public void startSheet(SheetInfo info) {
        sheet = info.name();
        sheetIndex = info.index();
        merges = new ArrayList<>(info.merged().vertical());
        merges.sort((a, b) -> Integer.compare(a.getFirstRow(), b.getFirstRow()));
        nextMerge = 0;
        active.clear();
        mergeTops = new HashMap<>();
        header = null;
        scanned = 0;
    }

    @Override
    public boolean row(SheetRow row) {
        if (System.nanoTime() > deadlineNanos) {
            throw new TimeBudgetExceeded();
        }
        rememberMergeTops(row);
        if (header == null) {
            return scanForHeader(row);
        }
        dataRow(row);
        return true;
    }

    @Override
    public void endSheet() {
        // nothing carried between sheets but the file-level state
    }

    private boolean scanForHeader(SheetRow row) {
        if (++scanned > HEADER_SCAN_ROWS) {
            return false;
        }
        String text = row.joinedText();
        // a unit line is one short line; longer text is data, and the pattern is not meant for megabytes
        Matcher m = text.length() > MAX_UNIT_LINE_CHARS ? null : unitLine.matcher(Names.clean(text));
        if (unitText == null && m != null && m.find() && m.start() == 0) {
            String value = Names.clean(m.group(1).replaceAll("[_＿]+", " "));
            if (!value.isBlank()) {
                unitText = value;
            }
        }
        var match = matcher.match(row);
        if (match.isEmpty()) {
            matcher.nearMiss(row).ifPresent(n -> {
                if (nearMiss == null) {
                    nearMiss = "工作表“" + SubmittedText.quote(sheet) + "”第" + row.rowNumber() + "行像是"
                            + n.template().title()
                            + "的表头，但缺少列：" + String.join("、", n.missingRequired().stream().map(ColumnSpec::title).toList());
                }
            });
            return true;
        }
        TemplateSpec found = match.get().template();
        if (template == null) {
            template = found;
        } else if (template != found) {
            sink.issue(new Issue(sheet, 0, null, IssueCode.OTHER_TEMPLATE_SHEET,
                    IssueCode.OTHER_TEMPLATE_SHEET.message(SubmittedText.quote(sheet), found.title(),
                    template.title()), null));
            return false;
        }
        header = match.get();
        headerTexts = new HashMap<>();
        for (Cell c : row.cells()) {
            headerTexts.put(c.column(), c.text());
        }
        return true;
    }

    /** A header row repeated inside the table (pasted from a second page): three or more titles in place. */
    private boolean repeatsHeader(SheetRow row) {
        int same = 0;
        for (Cell c : row.cells()) {
            if (c.text().equals(headerTexts.get(c.column())) && ++same >= 3) {
                return true;
            }
        }
        return false;
    }

    private void dataRow(SheetRow row) {
        TemplateSpec t = header.template();
        int[] columnOf = header.columnOf();
        List<Cell> cells = new ArrayList<>(columnOf.length);
        List<String> letters = new ArrayList<>(columnOf.length);
        Map<Integer, Cell> byColumn = new HashMap<>();
        for (Cell c : row.cells()) {
            byColumn.put(c.column(), c);
        }
        boolean blank = true;
        for (int i = 0; i < columnOf.length; i++) {
            Cell c = columnOf[i] < 0 ? null : byColumn.get(columnOf[i]);
            if (c != null && c.text().isBlank()) {
                c = null;
            }
            if (c != null && !t.columns().get(i).sequence()) {
                blank = false;
            }
            cells.add(c);
            letters.add(columnOf[i] < 0 ? null : Cell.letter(columnOf[i]));
        }
        if (blank || isNote(row) || repeatsHeader(row)) {
            return;
        }
        fillDown(row.rowNumber(), columnOf, cells);
        int rowNo = ++rowsRead;
        MappedRow mapped = new MappedRow(sheet, row.rowNumber(), rowNo, cells, letters);
        boolean[] hasError = {false};
        for (RowRule rule : rules.computeIfAbsent(t, this::rulesFor)) {
            rule.check(mapped, issue -> {
                hasError[0] |= issue.severity() == Severity.ERROR;
                sink.issue(issue);
            });
        }
        List<String> values = new ArrayList<>(cells.size());
        StringBuilder key = new StringBuilder();
        Integer sequence = null;
        String groupKey = null;
        String claimedText = null;
        String claimedColumn = null;
        String groupColumn = null;
        for (int i = 0; i < cells.size(); i++) {
            ColumnSpec spec = t.columns().get(i);
            String v = cells.get(i) == null ? "" : StagedValues.of(spec, Names.clean(cells.get(i).text()));
            values.add(v);
            if (spec.sequence()) {
                String s = Names.compact(v);
                sequence = SEQUENCE.matcher(s).matches() ? Integer.valueOf(s) : null;
            } else {
                key.append(Names.compact(v)).append('\u001F');
            }
            if (spec.crossUnitDuplicate() && !v.isEmpty()) {
                groupKey = Names.enterpriseKey(v);
                groupColumn = letters.get(i);
            }
            if (spec.unitType() && !v.isEmpty()) {
                claimedText = v;
                claimedColumn = letters.get(i);
            }
        }
        Integer duplicateOf = firstRowOf.putIfAbsent(key.toString(), row.rowNumber());
        if (duplicateOf != null) {
            sink.issue(new Issue(sheet, row.rowNumber(), null, IssueCode.DUPLICATE_ROW,
                    IssueCode.DUPLICATE_ROW.message(duplicateOf), rowNo));
        }
        String claimedType = claimedText == null ? null
                : campaign.typeFromText(claimedText).map(ut -> ut.code()).orElse(null);
        sink.row(new StagedRow(rowNo, sheet, sheetIndex, row.rowNumber(), values, hasError[0], duplicateOf,
                sequence, groupKey, claimedType, claimedText, claimedColumn, groupColumn));
    }

    private List<RowRule> rulesFor(TemplateSpec t) {
        DeadlineParser parser = DeadlineParser.of(campaign);
        List<RowRule> list = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            ColumnSpec c = t.columns().get(i);
            if (c.required()) {
                list.add(new RequiredRule(c, i));
            }
            if (c.phone()) {
                list.add(new PhoneRule(c, i));
            }
            if (c.maxLength() > 0) {
                list.add(new MaxLengthRule(c, i));
            }
            if (c.date()) {
                list.add(new DeadlineRule(c, i, parser));
            }
        }
        return list;
    }

    /** Rows arrive in order: keep only the merges that cover the current row, and note their top cells. */
    private void rememberMergeTops(SheetRow row) {
        int r0 = row.rowNumber() - 1;
        while (nextMerge < merges.size() && merges.get(nextMerge).getFirstRow() <= r0) {
            active.add(merges.get(nextMerge++));
        }
        active.removeIf(r -> r.getLastRow() < r0);
        for (CellRangeAddress r : active) {
            if (r.getFirstRow() == r0) {
                for (Cell c : row.cells()) {
                    if (c.column() == r.getFirstColumn()) {
                        mergeTops.put(r, c);
                    }
                }
            }
        }
    }

    /** Cells under the top of a vertical merge are empty in the file; they mean the top cell's value. */
    private void fillDown(int rowNumber, int[] columnOf, List<Cell> cells) {
        int r0 = rowNumber - 1;
        for (CellRangeAddress r : active) {
            if (r0 > r.getFirstRow() && r0 <= r.getLastRow()) {
                Cell top = mergeTops.get(r);
                for (int i = 0; i < columnOf.length; i++) {
                    if (columnOf[i] == r.getFirstColumn() && cells.get(i) == null && top != null) {
                        cells.set(i, new Cell(columnOf[i], top.text(), top.date()));
                    }
                }
            }
        }
    }

    private static boolean isNote(SheetRow row) {
        List<Cell> nonBlank = row.cells().stream().filter(c -> !c.text().isBlank()).toList();
        // a footer (填报人：… 审核人：… 联系电话：…) may be spread over several cells; it starts with its label
        return !nonBlank.isEmpty() && NOTE.matcher(Names.clean(nonBlank.get(0).text())).matches();
    }

    /** A file that takes longer than its time budget. */
    static final class TimeBudgetExceeded extends cn.huizong.reading.StopReading {
        TimeBudgetExceeded() {
            super("time budget exceeded");
        }
    }
}

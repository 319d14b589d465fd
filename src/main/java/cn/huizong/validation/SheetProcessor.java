package cn.huizong.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellRangeAddress;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.RowWords;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.reading.Cell;
import cn.huizong.reading.RowHandler;
import cn.huizong.reading.SheetInfo;
import cn.huizong.reading.SheetRow;
import cn.huizong.registry.Names;

/**
 * Turns the rows of one workbook into staged rows and issues, reading tables the way units reshape them:
 * finds the unit line and the header above each table (on one row, or on two: a merged parent title over
 * sub-columns, or titles split over two rows), reads every sheet that holds a template (a bureau's 附件1 and
 * 附件5 in one workbook, one sheet per county), leaves a hidden sheet alone when a shown one holds the same
 * template, fills merged cells down and 同上/同左 in, skips rows that are not data (blank, example, total,
 * note, signature, repeated header) and says which, applies the row rules and spots repeated rows.
 */
final class SheetProcessor implements RowHandler {

    /** How far down a sheet the header may sit (title rows, unit line, notes). */
    private static final int HEADER_SCAN_ROWS = 30;
    private static final int MAX_UNIT_LINE_CHARS = 1_000;
    private static final Pattern SEQUENCE = Pattern.compile("\\d{1,6}");
    /** A note in brackets under a title: （限200字以内）, (必填). */
    private static final Pattern BRACKETED = Pattern.compile("^[（(\\[【].*[）)\\]】]$", Pattern.DOTALL);
    /** 共3项, 共计12家: a count standing where the data would be is a total row. */
    private static final Pattern COUNT = Pattern.compile("^共计?\\s*\\d+\\s*(?:项|个|家|条|所|行|个单位)");
    /** Places listed in one feedback line before "等". */
    private static final int MAX_PLACES = 20;

    private enum NotData {
        EXAMPLE("示例行", true), TOTAL("合计行", true), NOTE("说明", false), SIGNATURE("签字行", false),
        HEADER("重复的表头", false);

        final String label;
        /** Whether the unit should look (a row that may hold data it meant to send), or only be told. */
        final boolean warn;

        NotData(String label, boolean warn) {
            this.label = label;
            this.warn = warn;
        }
    }

    private record Place(String sheet, int row, NotData kind) {
    }

    private final Campaign campaign;
    private final RowWords words;
    private final TemplateMatcher matcher;
    private final Pattern unitLine;
    private final ContentSink sink;
    private final long deadlineNanos;
    private final Map<TemplateSpec, List<RowRule>> rules = new HashMap<>();
    private TemplateSpec rulesOf;
    private TemplateSpec lastTemplateAdded;
    private List<RowRule> currentRules;
    // per row, reused (see cellsByColumn, letters, compactOf)
    private TemplateMatcher.HeaderMatch slotsOf;
    private Cell[] slots;
    private int[] touched;
    private int touchedCount;
    private int filledCells;
    private TemplateMatcher.HeaderMatch lettersOf;
    private List<String> headerLetters;
    private final Cell[] compactedCells = new Cell[32];
    private final String[] compactedTexts = new String[32];
    private int compacted;

    /** The first template found; {@link #templates} has those with rows, in the order found. */
    TemplateSpec template;
    final Set<TemplateSpec> templates = new LinkedHashSet<>();
    /** Every template whose header was found, with rows or not. */
    private final Set<TemplateSpec> headersFound = new LinkedHashSet<>();
    private final Set<TemplateSpec> nearlyShown = new HashSet<>();
    /** 填报单位 lines in the order found: the one above a table first (see {@link #unitTexts}). */
    private final List<String> unitLines = new ArrayList<>();
    private String unitLineOfSheet;
    int rowsRead;
    String nearMiss;
    private final RowFingerprints rowsSeen = new RowFingerprints();
    /** Sheets of this file by the index {@link #rowsSeen} records with each row. */
    private final List<String> sheetIndex = new ArrayList<>();
    private final Set<TemplateSpec> shownTemplates = new HashSet<>();
    private final Set<String> sheetsRead = new LinkedHashSet<>();
    private final List<Place> skipped = new ArrayList<>();
    private final Map<String, Set<Integer>> hiddenRows = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> hiddenColumns = new LinkedHashMap<>();
    private final Map<String, Map<Integer, String>> extraWithData = new LinkedHashMap<>();
    private final Map<String, String> joined = new LinkedHashMap<>(); // template column title -> sub-titles
    private final List<Issue> sheetNotes = new ArrayList<>();
    private final List<String> strayUnitLines = new ArrayList<>();

    // per sheet
    private SheetInfo info;
    private String sheet;
    private List<CellRangeAddress> merges;
    private List<CellRangeAddress> horizontal;
    private int nextMerge;
    private final List<CellRangeAddress> active = new ArrayList<>();
    private Map<CellRangeAddress, Cell> mergeTops;
    private TemplateMatcher.HeaderMatch header;
    private SheetRow headerRow;
    private Map<Integer, String> headerTitles;
    /** The texts of the header's rows (one or two), to know a header repeated further down. */
    private Map<Integer, String> upperTitles = Map.of();
    private Map<Integer, String> lowerTitles = Map.of();
    private Map<Integer, String> extraColumns;
    private boolean maybeSubHeader;
    private SheetRow previousScanned;
    private List<Cell> previousCells;
    private int scanned;

    SheetProcessor(Campaign campaign, ContentSink sink, long deadlineNanos) {
        this.campaign = campaign;
        this.words = campaign.rowWords();
        this.matcher = new TemplateMatcher(campaign);
        this.sink = sink;
        this.deadlineNanos = deadlineNanos;
        String labels = String.join("|", campaign.unitLabels().stream().map(Pattern::quote).toList());
        String seal = String.join("|", campaign.unitLine().seal().stream().map(Pattern::quote).toList());
        String ends = String.join("|", campaign.unitLine().endsAt().stream().map(Pattern::quote).toList());
        this.unitLine = Pattern.compile("(?:" + labels + ")\\s*(?:[(（]\\s*(?:" + seal + ")\\s*[)）])?\\s*[:：]?\\s*(.*?)\\s*(?:[(（]\\s*(?:" + seal + ")\\s*[)）].*|"
                + "(?:" + ends + ").*)?$", Pattern.DOTALL);
    }

    @Override
    public void startSheet(SheetInfo sheetInfo) {
        info = sheetInfo;
        sheet = sheetInfo.name();
        merges = new ArrayList<>(sheetInfo.merged().vertical());
        merges.sort((a, b) -> Integer.compare(a.getFirstRow(), b.getFirstRow()));
        horizontal = sheetInfo.merged().horizontal();
        nextMerge = 0;
        active.clear();
        mergeTops = new HashMap<>();
        if (unitLineOfSheet != null && !unitLines.contains(unitLineOfSheet)) {
            strayUnitLines.add(unitLineOfSheet); // a sheet without a table (填表说明): a candidate of last resort
        }
        unitLineOfSheet = null;
        header = null;
        headerRow = null;
        maybeSubHeader = false;
        previousScanned = null;
        previousCells = null;
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
        if (maybeSubHeader) {
            maybeSubHeader = false;
            if (isSubHeader(row)) {
                refineHeader(row);
                return true;
            }
        }
        dataRow(row);
        return true;
    }

    @Override
    public void endSheet() {
        // nothing carried between sheets but the file-level state
    }

    // ---- the header ----

    private boolean scanForHeader(SheetRow row) {
        if (++scanned > HEADER_SCAN_ROWS) {
            return false;
        }
        String text = row.joinedText();
        // a unit line is one short line; longer text is data, and the pattern is not meant for megabytes
        Matcher m = text.length() > MAX_UNIT_LINE_CHARS ? null : unitLine.matcher(Names.clean(text));
        if (m != null && m.find() && m.start() == 0) {
            String value = Names.clean(m.group(1).replaceAll("[_＿]+", " "));
            if (!value.isBlank() && unitLineOfSheet == null) {
                unitLineOfSheet = value;
            }
        }
        var match = matcher.match(row);
        List<TemplateMatcher.HeaderColumn> twoRows = null;
        if (match.isEmpty() && previousScanned != null && previousScanned.rowNumber() == row.rowNumber() - 1) {
            // titles split over two rows, with or without a merged parent title
            twoRows = twoRowHeader(previousScanned, row);
            match = matcher.match(twoRows);
        }
        if (match.isEmpty()) {
            matcher.nearMiss(row).ifPresent(n -> {
                if (!info.hidden()) {
                    nearlyShown.add(n.template());
                }
                if (nearMiss == null) {
                    nearMiss = "工作表“" + SubmittedText.quote(sheet) + "”第" + row.rowNumber() + "行像是"
                            + n.template().title()
                            + "的表头，但缺少列：" + String.join("、", n.missingRequired().stream().map(ColumnSpec::title).toList());
                }
            });
            previousScanned = row;
            return true;
        }
        TemplateSpec found = match.get().template();
        if (info.hidden()) {
            // a shown sheet holds (or nearly holds) this template: the hidden one is an old copy, never the data
            if (shownTemplates.contains(found) || nearlyShown.contains(found)) {
                // last month's copy kept hidden beside the current table: never published beside it
                sheetNotes.add(new Issue(sheet, 0, null, IssueCode.HIDDEN_SHEET_SKIPPED,
                        IssueCode.HIDDEN_SHEET_SKIPPED.message(SubmittedText.quote(sheet), found.label()), null));
                return false;
            }
            sheetNotes.add(new Issue(sheet, 0, null, IssueCode.HIDDEN_SHEET_READ,
                    IssueCode.HIDDEN_SHEET_READ.message(found.label(), SubmittedText.quote(sheet)), null));
        } else {
            shownTemplates.add(found);
        }
        headersFound.add(found);
        if (template == null) {
            template = found;
        }
        sheetsRead.add(sheet);
        if (unitLineOfSheet != null && !unitLines.contains(unitLineOfSheet)) {
            unitLines.add(unitLineOfSheet); // the line above a table says more than one on an instructions sheet
        }
        upperTitles = twoRows == null ? texts(row) : texts(previousScanned);
        lowerTitles = twoRows == null ? Map.of() : texts(row);
        useHeader(match.get(), row, twoRows);
        maybeSubHeader = twoRows == null;
        return true;
    }

    private void useHeader(TemplateMatcher.HeaderMatch found, SheetRow lastRow, List<TemplateMatcher.HeaderColumn> titles) {
        TemplateMatcher.HeaderMatch match = titles == null ? widenMergedTitles(found, lastRow) : found;
        header = match;
        headerRow = lastRow;
        headerTitles = new TreeMap<>();
        if (titles == null) {
            for (Cell c : lastRow.cells()) {
                headerTitles.put(c.column(), c.text());
            }
        } else {
            for (TemplateMatcher.HeaderColumn hc : titles) {
                headerTitles.put(hc.column(), hc.titles().get(0));
            }
        }
        Set<Integer> used = new HashSet<>();
        for (int[] cols : match.columns()) {
            for (int c : cols) {
                used.add(c);
            }
        }
        extraColumns = new TreeMap<>();
        headerTitles.forEach((c, title) -> {
            if (!used.contains(c) && !title.isBlank() && !words.quietColumns().contains(TemplateMatcher.headerKey(title))) {
                extraColumns.put(c, Names.clean(title));
            }
        });
        List<ColumnSpec> columns = match.template().columns();
        for (int i = 0; i < columns.size(); i++) {
            int[] cols = match.columns()[i];
            if (cols.length > 1 && titles != null) {
                String parent = columns.get(i).title();
                List<String> subs = new ArrayList<>();
                for (int c : cols) {
                    titles.stream().filter(hc -> hc.column() == c).findFirst()
                            .map(hc -> hc.titles().size() > 1 ? hc.titles().get(1) : hc.titles().get(0))
                            .ifPresent(s -> subs.add("“" + SubmittedText.quote(Names.clean(s)) + "”"));
                    // the parent title as the unit wrote it, not the campaign's spelling
                    parent = titles.stream().filter(hc -> hc.column() == cols[0]).findFirst()
                            .map(hc -> Names.clean(hc.titles().get(hc.titles().size() - 1)).replace("\n", "")).orElse(parent);
                }
                // the sub-titles, once known, say more than a merged title alone
                joined.merge(SubmittedText.quote(parent), String.join("", subs), (was, now) -> now.isEmpty() ? was : now);
            }
        }
    }

    /**
     * A title merged over several columns without sub-titles (产业园区（企业）联系人及联系方式 over C:D, the name in C
     * and the number in D) takes every column it covers that no other title took.
     */
    private TemplateMatcher.HeaderMatch widenMergedTitles(TemplateMatcher.HeaderMatch m, SheetRow row) {
        int r0 = row.rowNumber() - 1;
        Set<Integer> used = new HashSet<>();
        for (int[] cols : m.columns()) {
            for (int c : cols) {
                used.add(c);
            }
        }
        Map<Integer, String> titles = texts(row);
        int[][] columns = m.columns().clone();
        boolean widened = false;
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].length != 1) {
                continue;
            }
            for (CellRangeAddress h : horizontal) {
                if (h.getFirstRow() <= r0 && r0 <= h.getLastRow() && h.getFirstColumn() == columns[i][0]) {
                    List<Integer> cols = new ArrayList<>(List.of(columns[i][0]));
                    for (int c = h.getFirstColumn() + 1; c <= h.getLastColumn(); c++) {
                        if (!used.contains(c) && !titles.containsKey(c)) {
                            cols.add(c);
                        }
                    }
                    if (cols.size() > 1) {
                        columns[i] = cols.stream().mapToInt(Integer::intValue).toArray();
                        joined.putIfAbsent(SubmittedText.quote(Names.clean(titles.get(h.getFirstColumn()))
                                .replace("\n", "")), "");
                        widened = true;
                    }
                }
            }
        }
        return widened ? new TemplateMatcher.HeaderMatch(m.template(), m.columnOf(), columns, m.matched(),
                m.missingRequired()) : m;
    }

    /**
     * The row under a one-row header is part of the header, never data, when every cell it holds is a title
     * under a merged parent title (联系人 | 联系电话 under 产业园区（企业）联系人及联系方式), a note in brackets under
     * its title (（限200字以内）), or a title word of the template.
     */
    private boolean isSubHeader(SheetRow row) {
        if (row.rowNumber() != headerRow.rowNumber() + 1) {
            return false;
        }
        int r0 = headerRow.rowNumber() - 1;
        boolean any = false;
        for (Cell c : row.cells()) {
            if (c.text().isBlank()) {
                continue;
            }
            any = true;
            boolean underParent = false;
            for (CellRangeAddress h : horizontal) {
                if (h.getFirstRow() <= r0 && h.getLastRow() == r0 && h.getFirstColumn() <= c.column()
                        && c.column() <= h.getLastColumn()) {
                    underParent = true;
                    break;
                }
            }
            String text = Names.clean(c.text());
            boolean note = BRACKETED.matcher(text).matches() && text.length() <= 40;
            if (!underParent && !note && !matcher.isTitle(header.template(), text)) {
                return false;
            }
        }
        return any;
    }

    private void refineHeader(SheetRow subRow) {
        upperTitles = texts(headerRow);
        lowerTitles = texts(subRow);
        List<TemplateMatcher.HeaderColumn> titles = twoRowHeader(headerRow, subRow);
        var refined = matcher.match(titles).filter(m -> m.template() == header.template());
        if (refined.isPresent() && refined.get().matched() >= header.matched()) {
            useHeader(refined.get(), subRow, titles);
        } else {
            headerRow = subRow; // still a header row, never data
        }
    }

    /** Titles of a header over two rows: for each column the parent and sub-title together, the sub-title, the parent. */
    private List<TemplateMatcher.HeaderColumn> twoRowHeader(SheetRow upper, SheetRow lower) {
        Map<Integer, String> up = texts(upper);
        Map<Integer, String> low = texts(lower);
        int r0 = upper.rowNumber() - 1;
        Map<Integer, Integer> groupOf = new HashMap<>();
        Map<Integer, String> groupText = new HashMap<>();
        Set<Integer> columns = new TreeSet<>(up.keySet());
        columns.addAll(low.keySet());
        for (int g = 0; g < horizontal.size(); g++) {
            CellRangeAddress h = horizontal.get(g);
            if (h.getFirstRow() <= r0 && r0 <= h.getLastRow() && h.getLastRow() < lower.rowNumber() - 1
                    && up.containsKey(h.getFirstColumn())) {
                for (int c = h.getFirstColumn(); c <= h.getLastColumn(); c++) {
                    groupOf.put(c, g);
                    columns.add(c);
                }
                groupText.put(g, up.get(h.getFirstColumn()));
            }
        }
        List<TemplateMatcher.HeaderColumn> out = new ArrayList<>();
        for (int c : columns) {
            Integer g = groupOf.get(c);
            String parent = g != null ? groupText.get(g) : up.get(c);
            String child = low.get(c);
            List<String> titles = new ArrayList<>(3);
            if (parent != null && child != null) {
                titles.add(parent + child);
                titles.add(child);
                titles.add(parent);
            } else if (child != null) {
                titles.add(child);
            } else if (parent != null) {
                titles.add(parent);
            }
            if (!titles.isEmpty()) {
                out.add(new TemplateMatcher.HeaderColumn(c, titles, g == null ? -1 : g));
            }
        }
        return out;
    }

    private static Map<Integer, String> texts(SheetRow row) {
        Map<Integer, String> out = new HashMap<>();
        for (Cell c : row.cells()) {
            if (!c.text().isBlank()) {
                out.put(c.column(), c.text());
            }
        }
        return out;
    }

    // ---- the data ----

    private void dataRow(SheetRow row) {
        TemplateSpec t = header.template();
        int[][] columns = header.columns();
        int[] columnOf = header.columnOf();
        List<Cell> cells = new ArrayList<>(columns.length);
        List<String> letters = letters();
        Cell[] byColumn = cellsByColumn(row);
        compacted = 0;
        boolean blank = true;
        for (int i = 0; i < columns.length; i++) {
            Cell c = joined(columns[i], byColumn);
            if (c != null && !t.columns().get(i).sequence()) {
                blank = false;
            }
            cells.add(c);
        }
        // before the blank test: a total or a note often sits in the 序号 column alone
        NotData kind = filledCells == 0 ? null : notData(row);
        if (kind != null) {
            skipped.add(new Place(sheet, row.rowNumber(), kind));
            return;
        }
        if (blank) {
            return;
        }
        fillDown(row.rowNumber(), columnOf, cells);
        sameAs(cells, columnOf);
        noteHidden(row, columns, cells);
        for (Map.Entry<Integer, String> e : extraColumns.entrySet()) {
            if (e.getKey() < byColumn.length && byColumn[e.getKey()] != null) {
                extraWithData.computeIfAbsent(sheet, k -> new TreeMap<>()).put(e.getKey(), e.getValue());
            }
        }
        previousCells = cells;
        if (t != lastTemplateAdded) {
            templates.add(t); // a set of records: hashing one hashes all its columns, so not on every row
            lastTemplateAdded = t;
        }
        int rowNo = ++rowsRead;
        MappedRow mapped = new MappedRow(sheet, row.rowNumber(), rowNo, cells, letters);
        boolean[] hasError = {false};
        if (t != rulesOf) {
            // looked up once per template, not per row: hashing a TemplateSpec hashes all its columns
            rulesOf = t;
            currentRules = rules.computeIfAbsent(t, this::rulesFor);
        }
        for (RowRule rule : currentRules) {
            rule.check(mapped, issue -> {
                hasError[0] |= issue.severity() == Severity.ERROR;
                sink.issue(issue);
            });
        }
        List<String> values = new ArrayList<>(cells.size());
        RowFingerprints key = rowsSeen.start().add(t.id()).add('\u001E');
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
                key.addCompact(v).add('\u001F');
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
        int sheetNo = sheetIndex.indexOf(sheet);
        if (sheetNo < 0) {
            sheetNo = sheetIndex.size();
            sheetIndex.add(sheet);
        }
        // sheet (from 1, so a place is never 0) and row number in one long
        long first = key.putIfAbsent(((long) (sheetNo + 1) << 32) | (row.rowNumber() & 0xFFFFFFFFL));
        Integer duplicateOf = null;
        if (first != 0) {
            String firstSheet = sheetIndex.get((int) (first >>> 32) - 1);
            duplicateOf = (int) first;
            String message = IssueCode.DUPLICATE_ROW.message((firstSheet.equals(sheet) ? ""
                    : "工作表“" + SubmittedText.quote(firstSheet) + "”") + "第" + duplicateOf + "行");
            sink.issue(new Issue(sheet, row.rowNumber(), null, IssueCode.DUPLICATE_ROW, message, rowNo));
        }
        String claimedType = claimedText == null ? null
                : campaign.typeFromText(claimedText).map(ut -> ut.code()).orElse(null);
        sink.row(new StagedRow(rowNo, sheet, info.index(), row.rowNumber(), values, hasError[0], duplicateOf,
                sequence, groupKey, claimedType, claimedText, claimedColumn, groupColumn, t.id()));
    }

    /** The sheet column letters of the template's columns under the current header (one list per header). */
    private List<String> letters() {
        if (lettersOf != header) {
            int[] columnOf = header.columnOf();
            List<String> out = new ArrayList<>(columnOf.length);
            for (int c : columnOf) {
                out.add(c < 0 ? null : Cell.letter(c));
            }
            headerLetters = java.util.Collections.unmodifiableList(out);
            lettersOf = header;
        }
        return headerLetters;
    }

    /**
     * The row's non-blank cells by column, for the columns the header uses or names (the last one wins when a
     * damaged file repeats a column); {@link #filledCells} counts them all. One array per header, cleared per row.
     */
    private Cell[] cellsByColumn(SheetRow row) {
        if (slotsOf != header) {
            int max = -1;
            for (int c : extraColumns.keySet()) {
                max = Math.max(max, c);
            }
            for (int[] cols : header.columns()) {
                for (int c : cols) {
                    max = Math.max(max, c);
                }
            }
            slots = new Cell[max + 1];
            touched = new int[max + 1];
            slotsOf = header;
        } else {
            for (int k = 0; k < touchedCount; k++) {
                slots[touched[k]] = null;
            }
        }
        touchedCount = 0;
        filledCells = 0;
        for (Cell c : row.cells()) {
            if (!c.text().isBlank()) {
                filledCells++;
                int col = c.column();
                if (col >= 0 && col < slots.length) {
                    if (slots[col] == null) {
                        touched[touchedCount++] = col;
                    }
                    slots[col] = c;
                }
            }
        }
        return slots;
    }

    /**
     * {@code Names.compact} of a cell's text, remembered for the rest of the row: the not-data and 同上 tests
     * both look at every cell.
     */
    private String compactOf(Cell c) {
        for (int k = 0; k < compacted; k++) {
            if (compactedCells[k] == c) {
                return compactedTexts[k];
            }
        }
        String text = Names.compact(c.text());
        if (compacted < compactedCells.length) {
            compactedCells[compacted] = c;
            compactedTexts[compacted++] = text;
        }
        return text;
    }

    /** A template column's cell: the one sheet column, or the sub-columns under one parent title joined by a space. */
    private static Cell joined(int[] cols, Cell[] byColumn) {
        if (cols.length == 0) {
            return null;
        }
        if (cols.length == 1) {
            return cols[0] >= 0 && cols[0] < byColumn.length ? byColumn[cols[0]] : null;
        }
        List<String> parts = new ArrayList<>(cols.length);
        Cell only = null;
        for (int c : cols) {
            Cell cell = c >= 0 && c < byColumn.length ? byColumn[c] : null;
            if (cell != null) {
                parts.add(Names.clean(cell.text()));
                only = cell;
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return parts.size() == 1 ? new Cell(cols[0], only.text(), only.date())
                : new Cell(cols[0], String.join(" ", parts), null);
    }

    /** Why a row that holds something is not data, or null when it is data. */
    private NotData notData(SheetRow row) {
        if (repeatsHeader(row)) {
            return NotData.HEADER;
        }
        String first = null;
        int placeholders = 0;
        int filled = 0;
        for (Cell c : row.cells()) {
            if (c.text().isBlank()) {
                continue;
            }
            String text = compactOf(c);
            filled++;
            if (first == null) {
                first = text;
            }
            // the template's own example text: a cell that IS a placeholder name (XX大学, XX公司), not one that
            // merely contains the letters (xxhx@163.com)
            for (String p : words.placeholders()) {
                if (text.startsWith(p)) {
                    placeholders++;
                    break;
                }
            }
        }
        if (first == null) {
            return null;
        }
        if (startsWithWord(first, words.example()) || placeholders >= 2) {
            return NotData.EXAMPLE;
        }
        // a total stands nearly alone (合计：共3项, 合计 | 3家); a row full of data is data whatever its first word
        if (filled <= 2 && (startsWithWord(first, words.total()) || COUNT.matcher(first).find())) {
            return NotData.TOTAL;
        }
        // a note or a footer is labels only (填表人：… 审核人：…); 联系人：王芳 beside filled columns is data
        boolean noteFirst = labelled(first, words.note());
        boolean signatureFirst = !noteFirst && labelled(first, words.signature());
        // only a row that starts with a label can be labels only: the other cells are looked at then
        boolean allLabelled = (noteFirst || signatureFirst) && allLabelled(row);
        if (allLabelled && noteFirst) {
            return NotData.NOTE;
        }
        if (allLabelled && signatureFirst) {
            return NotData.SIGNATURE;
        }
        return null;
    }

    /** Every filled cell is a note or signature label followed by a colon (注：…, 填表人：…). */
    private boolean allLabelled(SheetRow row) {
        for (Cell c : row.cells()) {
            if (c.text().isBlank()) {
                continue;
            }
            String text = compactOf(c);
            if (!labelled(text, words.signature()) && !labelled(text, words.note())) {
                return false;
            }
        }
        return true;
    }

    /** The text starts with one of the words, and the word ends there (示例：…, 例1; not 例如, 合计划). */
    private static boolean startsWithWord(String text, List<String> list) {
        for (String w : list) {
            if (text.startsWith(w) && (text.length() == w.length() || endsWord(text.codePointAt(w.length())))) {
                return true;
            }
        }
        return false;
    }

    /** What may follow a word that stands on its own: punctuation, a digit, a space; not Han, not a bracket. */
    private static boolean endsWord(int cp) {
        return Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN && "(（[【".indexOf(cp) < 0;
    }

    /** The text is one of the labels followed by a colon (注：…, 填表人：…). */
    private static boolean labelled(String text, List<String> list) {
        for (String w : list) {
            if (text.startsWith(w) && text.length() > w.length()
                    && (text.charAt(w.length()) == ':' || text.charAt(w.length()) == '：')) {
                return true;
            }
        }
        return false;
    }

    /**
     * A header repeated inside the table (pasted from a second page): three or more titles in place, or a row
     * whose every cell is the title its column has in one of the header's rows (the second row of a header).
     */
    private boolean repeatsHeader(SheetRow row) {
        int same = 0;
        int filled = 0;
        for (Cell c : row.cells()) {
            if (c.text().isBlank()) {
                continue;
            }
            filled++;
            if (c.text().equals(headerTitles.get(c.column())) || c.text().equals(upperTitles.get(c.column()))
                    || c.text().equals(lowerTitles.get(c.column()))) {
                same++;
            }
        }
        return same >= 3 || same >= 2 && same == filled;
    }

    /** 同上 means the value above in the same column (of this table); 同左 the value to its left in this row. */
    private void sameAs(List<Cell> cells, int[] columnOf) {
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            if (c == null) {
                continue;
            }
            String text = compactOf(c);
            if (words.sameAsAbove().contains(text) && previousCells != null && previousCells.get(i) != null) {
                Cell above = previousCells.get(i);
                cells.set(i, new Cell(columnOf[i], above.text(), above.date()));
            } else if (words.sameAsLeft().contains(text) && i > 0 && cells.get(i - 1) != null) {
                Cell left = cells.get(i - 1);
                cells.set(i, new Cell(columnOf[i], left.text(), left.date()));
            }
        }
    }

    /** Hidden rows and columns of a read sheet are data (filters hide rows), but the unit is told. */
    private void noteHidden(SheetRow row, int[][] columns, List<Cell> cells) {
        if (row.hidden()) {
            hiddenRows.computeIfAbsent(sheet, k -> new TreeSet<>()).add(row.rowNumber());
        }
        if (info.hiddenColumns().isEmpty()) {
            return;
        }
        for (int i = 0; i < columns.length; i++) {
            if (cells.get(i) == null) {
                continue;
            }
            for (int c : columns[i]) {
                if (info.hiddenColumns().contains(c)) {
                    hiddenColumns.computeIfAbsent(sheet, k -> new TreeSet<>()).add(c);
                }
            }
        }
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
            if (r.getFirstRow() < headerRow.rowNumber()) {
                continue; // a header cell merged down, never a value
            }
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

    // ---- what the unit is told about the way its file was read ----

    /**
     * The 填报单位 lines found, best first: those above a table in sheet order, then those of sheets without one
     * (an instructions sheet may say 填报单位：填写单位全称). The caller takes the first the registry knows.
     */
    List<String> unitTexts() {
        List<String> out = new ArrayList<>(unitLines);
        if (unitLineOfSheet != null && !out.contains(unitLineOfSheet)) {
            out.add(unitLineOfSheet);
        }
        strayUnitLines.stream().filter(u -> !out.contains(u)).forEach(out::add);
        return out;
    }

    /** File-level notes, once per file: call after the last sheet. */
    void finish() {
        for (TemplateSpec t : headersFound) {
            if (!templates.contains(t) && rowsRead > 0) {
                // a table left empty beside one that has rows (the notice's blank 附件5 kept in the workbook)
                sink.issue(Issue.file(IssueCode.EMPTY_TABLE_IGNORED,
                        IssueCode.EMPTY_TABLE_IGNORED.message(t.label(), t.label())));
            }
        }
        sheetNotes.forEach(sink::issue);
        List<String> warn = new ArrayList<>();
        List<String> info = new ArrayList<>();
        for (Place p : skipped) {
            (p.kind().warn ? warn : info).add(where(p.sheet()) + "第" + p.row() + "行（" + p.kind().label + "）");
        }
        if (!warn.isEmpty()) {
            sink.issue(Issue.file(IssueCode.SKIPPED_ROWS, IssueCode.SKIPPED_ROWS.message(list(warn))));
        }
        if (!info.isEmpty()) {
            sink.issue(Issue.file(IssueCode.SKIPPED_NOTE_ROWS, IssueCode.SKIPPED_NOTE_ROWS.message(list(info))));
        }
        List<String> hidden = new ArrayList<>();
        hiddenRows.forEach((s, rows) -> hidden.add(where(s) + "第" + list(rows.stream().map(String::valueOf).toList(), "、")
                + "行"));
        hiddenColumns.forEach((s, cols) -> hidden.add(where(s) + list(cols.stream().map(Cell::letter).toList(), "、") + "列"));
        if (!hidden.isEmpty()) {
            sink.issue(Issue.file(IssueCode.HIDDEN_DATA_READ, IssueCode.HIDDEN_DATA_READ.message(list(hidden))));
        }
        extraWithData.forEach((s, cols) -> cols.forEach((c, title) -> sink.issue(new Issue(s, 0, null,
                IssueCode.EXTRA_COLUMN_IGNORED, IssueCode.EXTRA_COLUMN_IGNORED.message(where(s)
                        + "“" + SubmittedText.quote(title) + "”列（" + Cell.letter(c) + "列）"), null))));
        joined.forEach((title, subs) -> sink.issue(Issue.file(IssueCode.JOINED_COLUMNS,
                IssueCode.JOINED_COLUMNS.message(title, subs))));
    }

    /** "工作表“县区”" when the file has several tables, else nothing: one table needs no sheet name. */
    private String where(String sheetName) {
        return sheetsRead.size() > 1 ? "工作表“" + SubmittedText.quote(sheetName) + "”" : "";
    }

    private static String list(List<String> places) {
        return list(places, "、");
    }

    private static String list(List<String> items, String separator) {
        List<String> shown = items.size() > MAX_PLACES ? items.subList(0, MAX_PLACES) : items;
        return String.join(separator, shown) + (items.size() > MAX_PLACES ? "等 " + items.size() + " 处" : "");
    }


    /** A file that takes longer than its time budget. */
    static final class TimeBudgetExceeded extends cn.huizong.reading.StopReading {
        TimeBudgetExceeded() {
            super("time budget exceeded");
        }
    }
}

package cn.huizong.validation;

import java.io.IOException;
import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.reading.FileSource;
import cn.huizong.reading.ReadFailure;
import cn.huizong.reading.WorkbookReader;
import cn.huizong.registry.Registry;
import cn.huizong.support.ReadLimits;

/** Spreadsheets and CSV: the rows of the campaign's tables, checked row by row, and the unit line above them. */
final class TableChecker implements KindChecker {

    private final Campaign campaign;
    private final Registry registry;
    private final ReadLimits limits;
    private final WorkbookReader reader;

    TableChecker(Campaign campaign, Registry registry, ReadLimits limits, WorkbookReader reader) {
        this.campaign = campaign;
        this.registry = registry;
        this.limits = limits;
        this.reader = reader;
    }

    @Override
    public ContentResult check(FileSource source, ContentSink sink) throws ReadFailure, IOException {
        SheetProcessor processor = new SheetProcessor(campaign, sink, System.nanoTime() + limits.timePerFile().toNanos());
        reader.read(source, processor);
        processor.finish();
        if (processor.template == null) {
            String why = processor.nearMiss != null ? processor.nearMiss
                    : "没有找到含“" + headerHint() + "”等列的表头行";
            String unitText = unitText(processor.unitTexts());
            return new ContentResult(null, unitText, unit(unitText), 0, Issue.file(IssueCode.UNRECOGNIZED_TEMPLATE,
                    IssueCode.UNRECOGNIZED_TEMPLATE.message(campaign.templateLabels(), why)));
        }
        if (processor.rowsRead == 0) {
            sink.issue(Issue.file(IssueCode.NO_DATA_ROWS, IssueCode.NO_DATA_ROWS.message()));
        }
        String unitText = unitText(processor.unitTexts());
        return new ContentResult(processor.template.id(), processor.templates.stream().map(t -> t.id()).toList(),
                unitText, unit(unitText), processor.rowsRead, null);
    }

    /** The first 填报单位 line the registry knows, else the first written (for the UNKNOWN_UNIT message). */
    private String unitText(List<String> candidates) {
        return candidates.stream().filter(u -> registry.match(u).isPresent()).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }

    private String unit(String unitText) {
        return unitText == null ? null : registry.match(unitText).map(u -> u.name()).orElse(null);
    }

    private String headerHint() {
        return String.join("”“", campaign.templates().stream()
                .map(t -> t.columns().stream().filter(c -> c.required()).findFirst().map(c -> c.title()).orElse(t.id()))
                .toList());
    }
}

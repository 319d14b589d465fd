package cn.huizong.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.ColumnSpec;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.Names;
import cn.huizong.validation.DeadlineParser;

/** The columns of a template's feed (pairings.csv, cases.csv …) and one record's values in them. */
final class RecordCsv {

    private final TemplateSpec template;
    private final DeadlineParser dates;

    RecordCsv(Campaign campaign, TemplateSpec template) {
        this.template = template;
        this.dates = DeadlineParser.of(campaign);
    }

    List<String> header() {
        List<String> header = new ArrayList<>(List.of("unit", "unit_type"));
        for (ColumnSpec c : template.columns()) {
            header.add(c.key());
            if (c.keyed()) {
                header.add(c.key() + "_key");
            }
            if (c.date()) {
                header.add(c.key() + "_text");
            }
        }
        header.addAll(List.of("status", "source_file", "source_sheet", "source_row"));
        return header;
    }

    /** @param values the record's values in template column order */
    Object[] row(String unit, String unitType, List<String> values, String status, String file, String sheet,
            int excelRow) {
        List<Object> row = new ArrayList<>(values.size() * 2 + 6);
        row.add(unit);
        row.add(unitType);
        for (int i = 0; i < template.columns().size(); i++) {
            ColumnSpec c = template.columns().get(i);
            String v = values.get(i);
            if (c.date()) {
                LocalDate d = v.isEmpty() ? null : dates.dateOf(v);
                row.add(d == null ? "" : d.toString());
                row.add(v);
            } else {
                row.add(v);
            }
            if (c.keyed()) {
                row.add(Names.enterpriseKey(v));
            }
        }
        row.add(status);
        row.add(file);
        row.add(sheet);
        row.add(excelRow);
        return row.toArray();
    }
}

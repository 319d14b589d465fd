package cn.huizong.resolution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.UnitType;
import cn.huizong.validation.IssueCode;
import cn.huizong.validation.SubmittedText;

/**
 * 单位类型 as written against the registry: the registry decides, the unit is told. Only the templates with a
 * 单位类型 column are read.
 */
final class UnitTypeMismatches implements RunRule {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;

    UnitTypeMismatches(JdbcTemplate jdbc, Campaign campaign) {
        this.jdbc = jdbc;
        this.campaign = campaign;
    }

    @Override
    public void apply(String runId, IssueLog issues) {
        List<String> templates = campaign.templates().stream()
                .filter(t -> t.flagged(c -> c.unitType()).isPresent()).map(TemplateSpec::id).toList();
        if (templates.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>();
        args.add(runId);
        args.addAll(templates);
        jdbc.query("SELECT rec.file_no, rec.row_no, rec.unit, u.unit_type, r.claimed_type, r.claimed_text, r.sheet, "
                + "r.excel_row, r.claimed_col FROM hz_record rec JOIN hz_row r ON r.content_key = rec.content_key "
                + "AND r.row_no = rec.row_no JOIN hz_unit u ON u.run_id = rec.run_id AND u.name = rec.unit "
                + "JOIN hz_file f ON f.run_id = rec.run_id AND f.file_no = rec.file_no "
                + "WHERE rec.run_id = ? AND rec.template IN (" + String.join(",", Collections.nCopies(templates.size(), "?"))
                + ") AND f.status = 'accepted' AND rec.status <> 'superseded' AND r.claimed_type IS NOT NULL "
                + "AND r.claimed_type <> u.unit_type ORDER BY rec.file_no, rec.row_no", rs -> {
                    UnitType registered = UnitType.fromCode(rs.getString(4)).orElseThrow();
                    issues.add(rs.getInt(1), rs.getString(3), rs.getString(7), rs.getInt(8), rs.getString(9),
                            IssueCode.UNIT_TYPE_MISMATCH,
                            IssueCode.UNIT_TYPE_MISMATCH.message(SubmittedText.quote(rs.getString(6)),
                                    campaign.typeLabel(registered), campaign.organisation().shortName()),
                            rs.getInt(2));
                }, args.toArray());
    }
}

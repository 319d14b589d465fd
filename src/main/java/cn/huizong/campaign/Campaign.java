package cn.huizong.campaign;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.huizong.registry.UnitNames;
import cn.huizong.registry.UnitType;

/**
 * A campaign as data (jobs/*.yml): templates, deadlines, quotas, how 单位类型 is read, the unit types' labels
 * and report order, the organisation's name and the words that mark a unit line or a seal; {@code documents} are
 * the rules for Word write-ups and plans (YAML {@code writeups:}).
 */
public record Campaign(
        String id,
        String title,
        ZoneId zone,
        int rulesVersion,
        List<String> unitLabels,
        List<TemplateSpec> templates,
        Map<UnitType, Integer> quotas,
        List<TypeKeywords> unitTypeKeywords,
        List<String> ongoingWords,
        DeadlineWords deadlineWords,
        RowWords rowWords,
        int correctionDays,
        String fingerprint,
        Organisation organisation,
        List<UnitTypeSpec> unitTypes,
        UnitLineWords unitLine,
        UnitNames unitNames,
        MarkedCopyLimits markedCopies,
        DocumentRules documents,
        List<Integer> reminderDays) {

    /** Who runs the campaign: its full name (河南省教育厅) and the short one messages use (省教育厅). */
    public record Organisation(String name, String shortName) {
    }

    /**
     * A kind of submitting unit: the id registry.csv and quotas use, the label clerks read, and where its units
     * come in the reports sorted by type (典型案例汇总, 配额核查). The YAML's listing order is the roster's totals.
     */
    public record UnitTypeSpec(UnitType type, String label, int order) {
    }

    /**
     * Words of the 填报单位 line: {@code seal} in brackets around the colon or after the name ((公章)), and
     * {@code endsAt}, what starts the next item on the same line (填报人：…) and so ends the unit's name.
     */
    public record UnitLineWords(List<String> seal, List<String> endsAt) {
    }

    /** Submitted files larger than these get the issue list only, no marked copy (POI's usermodel holds it whole). */
    /**
     * @param maxBytes         a workbook's size past which it gets no marked copy (POI holds it whole)
     * @param maxRows          a workbook's rows past which it gets none
     * @param maxDocumentBytes a Word document's size past which it gets no commented copy: write-ups carry
     *                         photos, so they are larger than tables for the same work
     */
    public record MarkedCopyLimits(long maxBytes, int maxRows, long maxDocumentBytes) {
    }

    /** Keywords that, found in a 单位类型 cell, mean a unit type. */
    public record TypeKeywords(UnitType type, List<String> words) {
    }

    /** The campaign's short name for mail subjects (【教育助企中原行】): its title before any bracketed notice number. */
    public String shortTitle() {
        String t = title.strip();
        int cut = t.length();
        for (String b : new String[] {"（", "(", "〔", "["}) {
            int at = t.indexOf(b);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return t.substring(0, cut).strip();
    }

    public Optional<TemplateSpec> template(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Case quota of a unit type; empty means unlimited. */
    public Optional<Integer> quota(UnitType type) {
        return Optional.ofNullable(quotas.get(type));
    }

    /** Deadline as an instant: the end of the deadline day in the campaign's time zone. */
    public ZonedDateTime deadlineEnd(TemplateSpec t) {
        return t.deadline().plusDays(1).atStartOfDay(zone);
    }

    /** The label of a unit type (“双一流”建设和创建高校); the id itself for a type the campaign does not list. */
    public String typeLabel(UnitType type) {
        return unitTypes.stream().filter(t -> t.type() == type).map(UnitTypeSpec::label).findFirst()
                .orElse(type.code());
    }

    /** {@link #typeLabel(UnitType)} of a stored id; an unknown id as it is, none as empty. */
    public String typeLabel(String id) {
        return UnitType.fromCode(id).map(this::typeLabel).orElse(id == null ? "" : id);
    }

    /** The unit types in the order reports sort units by type. */
    public List<UnitTypeSpec> unitTypesInReportOrder() {
        return unitTypes.stream().sorted(java.util.Comparator.comparingInt(UnitTypeSpec::order)).toList();
    }

    /** The templates as a sentence names them: 附件1或附件5, 附件1、附件2或附件5. */
    public String templateLabels() {
        List<String> labels = templates.stream().map(TemplateSpec::label).toList();
        if (labels.size() < 2) {
            return String.join("", labels);
        }
        return String.join("、", labels.subList(0, labels.size() - 1)) + "或" + labels.get(labels.size() - 1);
    }

    public Optional<UnitType> typeFromText(String text) {
        String s = text == null ? "" : text;
        for (TypeKeywords k : unitTypeKeywords) {
            if (k.words().stream().anyMatch(s::contains)) {
                return Optional.of(k.type());
            }
        }
        return Optional.empty();
    }
}

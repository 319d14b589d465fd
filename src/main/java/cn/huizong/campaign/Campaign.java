package cn.huizong.campaign;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.huizong.registry.UnitType;

/**
 * A campaign as data (jobs/*.yml): templates, deadlines, quotas and how 单位类型 is read; {@code documents} are the
 * rules for Word write-ups and plans (YAML {@code writeups:}).
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
        DocumentRules documents) {

    /** Keywords that, found in a 单位类型 cell, mean a unit type. */
    public record TypeKeywords(UnitType type, List<String> words) {
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

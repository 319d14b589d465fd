package cn.huizong.web.stats;

import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.TemplateSpec;
import cn.huizong.registry.UnitType;

/**
 * The filters of the stats API and 统计看板, named as on 报送情况 ({@code /roster}): {@code city} a 地市 as the
 * registry writes it, {@code type} a unit type id (city, dfc, undergrad, vocational), {@code template} a template
 * id of the campaign (pairing, cases). Blank means all.
 */
record StatsFilter(String city, String type, String template) {

    static final StatsFilter NONE = new StatsFilter(null, null, null);

    /** A filter the user asked for; an unknown type or template is refused with a Chinese message. */
    static StatsFilter of(String city, String type, String template, Campaign campaign) {
        StatsFilter f = new StatsFilter(blank(city), blank(type), blank(template));
        if (f.type != null && UnitType.fromCode(f.type).isEmpty()) {
            throw new BadFilter("单位类型“" + f.type + "”无效，应为 " + UnitType.codes() + "。");
        }
        if (f.template != null && campaign.template(f.template).isEmpty()) {
            throw new BadFilter("表格“" + f.template + "”无效，应为 "
                    + String.join("、", campaign.templates().stream().map(TemplateSpec::id).toList()) + "。");
        }
        return f;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    boolean any() {
        return city != null || type != null || template != null;
    }

    boolean byUnit() {
        return city != null || type != null;
    }

    boolean matches(ViewReader.Unit u) {
        return (city == null || city.equals(u.city())) && (type == null || type.equals(u.type()));
    }

    /** The templates the filter keeps, in campaign order. */
    List<TemplateSpec> templates(Campaign campaign) {
        return campaign.templates().stream().filter(t -> template == null || t.id().equals(template)).toList();
    }

    /** A filter that cannot be answered (HTTP 400). */
    static final class BadFilter extends RuntimeException {

        BadFilter(String message) {
            super(message);
        }
    }
}

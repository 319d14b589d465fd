package cn.huizong.web.admin;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import cn.huizong.registry.Names;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryAdditions;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.web.Formats;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.audit.AuditLog;

/**
 * 单位名册 changes: an alias or a contact e-mail added to a unit goes into the side file beside serve's registry
 * ({@link RegistryAdditions}), which the next run merges; registry.csv itself is never rewritten.
 */
@Component
class RegistryAdmin {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s;,<>\"]+@[^@\\s;,<>\"]+\\.[^@\\s;,<>\"]+");

    /** A change that cannot be made as asked; the message is for the user. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final ServeSettings settings;
    private final AuditLog audit;
    private final ZoneId zone;

    RegistryAdmin(ServeSettings settings, AuditLog audit, Formats fmt) {
        this.settings = settings;
        this.audit = audit;
        this.zone = fmt.zone();
    }

    Registry registry() throws IOException {
        return settings.registry();
    }

    List<RegistryAdditions.Addition> additions() throws IOException {
        return RegistryAdditions.read(settings.registryFile());
    }

    void add(String unitName, String kind, String value, String user, String address) throws IOException, Refused {
        Registry registry = settings.registry();
        RegistryUnit unit = registry.byName(unitName == null ? "" : unitName.strip())
                .orElseThrow(() -> new Refused("名册中没有单位“" + unitName + "”。"));
        RegistryAdditions.Kind k = "email".equalsIgnoreCase(kind) ? RegistryAdditions.Kind.EMAIL
                : RegistryAdditions.Kind.ALIAS;
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new Refused("请填写要添加的" + k.label() + "。");
        }
        if (k == RegistryAdditions.Kind.ALIAS) {
            checkAlias(registry, unit, v);
        } else {
            v = v.toLowerCase(Locale.ROOT);
            if (v.length() > 254 || !EMAIL.matcher(v).matches()) {
                throw new Refused("“" + value.strip() + "”不是有效的电子邮箱地址。");
            }
            String mail = v;
            if (unit.emails().stream().anyMatch(e -> e.equalsIgnoreCase(mail))) {
                throw new Refused(unit.name() + " 已有联系邮箱 " + v + "。");
            }
        }
        RegistryAdditions.append(settings.registryFile(), new RegistryAdditions.Addition(unit.name(), k, v,
                Instant.now().atZone(zone).toOffsetDateTime(), user));
        audit.record(user, address, AuditLog.Action.REGISTRY_CHANGE, "为 " + unit.name() + " 添加" + k.label() + "：" + v);
    }

    /** An alias must say something, and must not be a name the registry already gives this or another unit. */
    private static void checkAlias(Registry registry, RegistryUnit unit, String alias) throws Refused {
        if (alias.length() > 100 || alias.contains("|") || alias.contains("\n")) {
            throw new Refused("别名不能超过 100 个字符，也不能含有“|”或换行。");
        }
        String key = Names.unit(alias);
        if (key.isEmpty()) {
            throw new Refused("别名“" + alias + "”去掉空格和标点后为空。");
        }
        for (RegistryUnit u : registry.units()) {
            boolean taken = Names.unit(u.name()).equals(key) || u.aliases().stream().anyMatch(a -> Names.unit(a).equals(key));
            if (taken) {
                throw new Refused(u == unit || u.name().equals(unit.name())
                        ? unit.name() + " 已有名称或别名“" + alias + "”。"
                        : "“" + alias + "”已是 " + u.name() + " 的名称或别名，不能再作为 " + unit.name() + " 的别名。");
            }
        }
    }
}

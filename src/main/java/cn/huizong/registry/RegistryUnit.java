package cn.huizong.registry;

import java.util.List;

/**
 * One unit expected to submit: its canonical name, type, city, the other names it goes by and its contact
 * e-mail addresses (registry.csv's optional {@code emails} column and the console's additions).
 */
public record RegistryUnit(String name, UnitType type, String city, List<String> aliases, List<String> emails) {

    public RegistryUnit {
        aliases = List.copyOf(aliases);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }

    public RegistryUnit(String name, UnitType type, String city, List<String> aliases) {
        this(name, type, city, aliases, List.of());
    }
}

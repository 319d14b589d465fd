package cn.huizong.registry;

import java.util.List;

/** One unit expected to submit: its canonical name, type, city and the other names it goes by. */
public record RegistryUnit(String name, UnitType type, String city, List<String> aliases) {
}

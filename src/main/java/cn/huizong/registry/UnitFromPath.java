package cn.huizong.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unit a file came from when its sheet does not say: the nearest folder, then the file name, then the
 * folders further up (an archive counts as the folder of its members). A name that carries on into another
 * school's name (河南理工大学万方学院) is that other school, as on a 填报单位 line: no unit, never the shorter one. Unreadable files get a unit this way
 * too, so that the feedback still reaches the sender.
 */
public final class UnitFromPath {

    private UnitFromPath() {
    }

    public static Optional<RegistryUnit> guess(String path, Registry registry) {
        return guessFrom(candidates(path), registry);
    }

    /**
     * A file that came by mail (fetch-mail): the sender's address in the registry, then the subject line, then the
     * file's own name (and, for an archive member, its folders and the archive's name). The folders the fetch made
     * (date, sender address) say nothing about the unit.
     *
     * @param pathInMail the file's path below its sender folder: the attachment's name, or {@code a.zip!/dir/m.xlsx}
     */
    public static Optional<RegistryUnit> guessFromMail(String sender, String subject, String pathInMail,
            Registry registry) {
        if (sender != null) {
            Optional<RegistryUnit> bySender = registry.byEmail(sender);
            if (bySender.isPresent()) {
                return bySender;
            }
        }
        if (subject != null && !subject.isBlank()) {
            Registry.PathName named = registry.inName(subject);
            if (named.unit() != null) {
                return Optional.of(named.unit());
            }
            if (named.anotherInstitution()) {
                return Optional.empty(); // as for a folder: that other institution's mail, forwarded by hand
            }
        }
        return guessFrom(candidates(pathInMail), registry);
    }

    private static Optional<RegistryUnit> guessFrom(List<String> candidates, Registry registry) {
        for (String candidate : candidates) {
            Registry.PathName named = registry.inName(candidate);
            if (named.unit() != null) {
                return Optional.of(named.unit());
            }
            if (named.anotherInstitution()) {
                // a branch school or another institution the registry does not know: never the shorter name,
                // and not a farther folder either (the file is that institution's)
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Nearest folder, file name, farther folders; archive names lose their extension. */
    static List<String> candidates(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("!/")) {
            for (String p : segment.split("/")) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (parts.isEmpty()) {
            return out;
        }
        String file = parts.get(parts.size() - 1);
        if (parts.size() >= 2) {
            out.add(stripExtension(parts.get(parts.size() - 2)));
        }
        out.add(stripExtension(file));
        for (int i = parts.size() - 3; i >= 0; i--) {
            out.add(stripExtension(parts.get(i)));
        }
        return out;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}

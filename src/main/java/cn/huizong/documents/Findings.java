package cn.huizong.documents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import cn.huizong.validation.Issue;
import cn.huizong.validation.IssueCode;

/**
 * Deviations grouped into one issue per rule and paragraph role ("第2、4、7段等12段"), never one per run or
 * paragraph: a clerk fixes a rule once with select-all, not paragraph by paragraph.
 */
final class Findings {

    private static final int LISTED = 3;

    private record Group(IssueCode code, List<Integer> paragraphs, Set<String> found,
            BiFunction<String, String, String> message) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Issue> fileLevel = new ArrayList<>();

    /**
     * One paragraph breaking a rule.
     *
     * @param rule    the rule and role (body.font), which groups paragraphs into one issue
     * @param found   what the paragraph has (仿宋), listed once per distinct value
     * @param message builds the text from the paragraph list and the values found
     */
    void add(IssueCode code, String rule, int paragraph, String found, BiFunction<String, String, String> message) {
        Group g = groups.computeIfAbsent(rule, k -> new Group(code, new ArrayList<>(), new LinkedHashSet<>(), message));
        if (g.paragraphs.isEmpty() || g.paragraphs.get(g.paragraphs.size() - 1) != paragraph) {
            g.paragraphs.add(paragraph);
        }
        if (found != null) {
            g.found.add(found);
        }
    }

    /** An issue of the whole file (margins, missing sections): row 0. */
    void file(IssueCode code, String message) {
        fileLevel.add(Issue.file(code, message));
    }

    List<Issue> issues() {
        List<Issue> out = new ArrayList<>(fileLevel);
        for (Group g : groups.values()) {
            List<String> found = new ArrayList<>(g.found);
            String values = String.join("、", found.subList(0, Math.min(LISTED, found.size())))
                    + (found.size() > LISTED ? "等" : "");
            out.add(new Issue(null, g.paragraphs.get(0), null, g.code, g.message.apply(paragraphs(g.paragraphs),
                    values), null));
        }
        return out;
    }

    /** 第2段; 第2、4、7段; 第2、4、7段等12段. */
    static String paragraphs(List<Integer> numbers) {
        StringBuilder s = new StringBuilder("第");
        for (int i = 0; i < Math.min(LISTED, numbers.size()); i++) {
            s.append(i == 0 ? "" : "、").append(numbers.get(i));
        }
        s.append("段");
        if (numbers.size() > LISTED) {
            s.append("等").append(numbers.size()).append("段");
        }
        return s.toString();
    }
}

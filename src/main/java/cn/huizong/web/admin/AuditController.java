package cn.huizong.web.admin;

import java.time.LocalDate;
import java.util.Arrays;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.huizong.web.audit.AuditLog;

/** 审计日志 (admin only): newest first, filterable. */
@Controller
class AuditController {

    private final AuditSearch search;

    AuditController(AuditSearch search) {
        this.search = search;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String username, @RequestParam(required = false) String action,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String q, Model model) {
        AuditSearch.Filter f = new AuditSearch.Filter(blank(username), blank(action), from, to, blank(q));
        model.addAttribute("entries", search.find(f));
        model.addAttribute("f", f);
        model.addAttribute("limit", AuditSearch.LIMIT);
        model.addAttribute("actions", Arrays.stream(AuditLog.Action.values()).map(Enum::name).toList());
        model.addAttribute("labels", new Labels());
        return "admin/audit";
    }

    /** For the template: {@code labels.of(action)}. */
    static final class Labels {
        public String of(String action) {
            return AuditSearch.label(action);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

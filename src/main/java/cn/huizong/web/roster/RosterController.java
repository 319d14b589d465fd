package cn.huizong.web.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import cn.huizong.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;

/** 报送情况 (the roster, a unit's page, the Excel export) and 催报名单 (the list and its export). */
@Controller
class RosterController {

    private static final MediaType XLSX = MediaType
            .parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Roster roster;
    private final RosterExport export;
    private final AuditLog audit;

    RosterController(Roster roster, RosterExport export, AuditLog audit) {
        this.roster = roster;
        this.export = export;
        this.audit = audit;
    }

    @GetMapping("/roster")
    String roster(@RequestParam(required = false) String city, @RequestParam(required = false) String type,
            @RequestParam(required = false) String status, @RequestParam(required = false) String template,
            Model model, HttpServletRequest request) throws IOException {
        model.addAttribute("page", roster.page(Roster.Filter.of(city, type, status, template)));
        unitHref(model, request);
        return "roster";
    }

    @GetMapping("/roster/export")
    ResponseEntity<byte[]> rosterExport(@RequestParam(required = false) String city,
            @RequestParam(required = false) String type, @RequestParam(required = false) String status,
            @RequestParam(required = false) String template, Authentication user, HttpServletRequest request)
            throws IOException {
        Roster.Page page = roster.page(Roster.Filter.of(city, type, status, template));
        String name = "报送情况-" + page.current().map(r -> r.dataRunId()).orElseThrow(RosterController::noResult)
                + ".xlsx";
        audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.DOWNLOAD, "导出 " + name
                + "（" + page.lines().size() + " 个单位）");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        export.roster(page, out);
        return xlsx(name, out.toByteArray());
    }

    @GetMapping("/roster/unit")
    String unit(@RequestParam String name, Model model) throws IOException {
        model.addAttribute("u", roster.unit(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "当前汇总结果中没有单位“" + name + "”。")));
        return "roster-unit";
    }

    @GetMapping("/reminders")
    String reminders(@RequestParam(required = false) String city, @RequestParam(required = false) String type,
            @RequestParam(required = false) String template, Model model, HttpServletRequest request)
            throws IOException {
        Roster.Page page = roster.reminders(Roster.Filter.of(city, type, null, template));
        model.addAttribute("page", page);
        unitHref(model, request);
        model.addAttribute("emails", roster.emails(page.lines()));
        return "reminders";
    }

    @GetMapping("/reminders/export")
    ResponseEntity<byte[]> remindersExport(@RequestParam(required = false) String city,
            @RequestParam(required = false) String type, @RequestParam(required = false) String template,
            Authentication user, HttpServletRequest request) throws IOException {
        Roster.Page page = roster.reminders(Roster.Filter.of(city, type, null, template));
        String name = "催报名单-" + page.current().map(r -> r.dataRunId()).orElseThrow(RosterController::noResult)
                + ".xlsx";
        List<List<String>> emails = roster.emails(page.lines());
        audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.DOWNLOAD, "导出 " + name
                + "（" + page.lines().size() + " 个单位）");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        export.reminders(page, emails, out);
        return xlsx(name, out.toByteArray());
    }

    /**
     * The start of a unit page's link, completed in the template with the escaped name. Not {@code @{...}}: each
     * such link goes through the static-resource URL encoder, which looks the path up in the jar, and a roster of
     * 200 units has 200 of them (over 300 ms a page).
     */
    private static void unitHref(Model model, HttpServletRequest request) {
        model.addAttribute("unitHref", request.getContextPath() + "/roster/unit?name=");
    }

    private static ResponseStatusException noResult() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "还没有汇总结果。");
    }

    /** A few hundred rows: a small file, sent whole. */
    private static ResponseEntity<byte[]> xlsx(String name, byte[] body) {
        return ResponseEntity.ok().contentType(XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString()).body(body);
    }
}

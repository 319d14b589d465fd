package cn.huizong.web.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

/** 统计看板 ({@code /stats}), each chart's Excel download, and the issue list a click on 问题统计 opens. */
@Controller
class DashboardController {

    private static final MediaType XLSX = MediaType
            .parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final int ISSUES_SHOWN = 500;

    private final Dashboard dashboard;
    private final Stats stats;
    private final ChartTables tables;
    private final AuditLog audit;

    DashboardController(Dashboard dashboard, Stats stats, ChartTables tables, AuditLog audit) {
        this.dashboard = dashboard;
        this.stats = stats;
        this.tables = tables;
        this.audit = audit;
    }

    @GetMapping("/stats")
    String page(@RequestParam(required = false) String city, @RequestParam(required = false) String type,
            @RequestParam(required = false) String template, Model model) throws IOException {
        model.addAttribute("page", dashboard.page(city, type, template));
        return "stats";
    }

    @GetMapping("/stats/export")
    ResponseEntity<byte[]> export(@RequestParam String chart, @RequestParam(required = false) String city,
            @RequestParam(required = false) String type, @RequestParam(required = false) String template,
            Authentication user, HttpServletRequest request) throws IOException {
        ChartTables.Chart c = ChartTables.Chart.of(chart)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有图表“" + chart + "”。"));
        ChartTables.Export export;
        try {
            export = tables.tables(c, stats.filter(city, type, template));
        } catch (StatsFilter.BadFilter e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (Stats.NoResult e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        String name = "统计看板-" + c.title + "-" + export.runId() + ".xlsx";
        audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.DOWNLOAD, "导出 " + name);
        return ResponseEntity.ok().contentType(XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(XlsxTables.write(export.tables()));
    }

    @GetMapping("/stats/issues")
    String issues(@RequestParam(required = false) String code, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String city, @RequestParam(required = false) String type,
            @RequestParam(required = false) String template, Model model) throws IOException {
        StatsFilter f;
        try {
            f = stats.filter(city, type, template);
        } catch (StatsFilter.BadFilter e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        try {
            model.addAttribute("list", stats.issueList(f, code, severity, ISSUES_SHOWN));
        } catch (Stats.NoResult e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        model.addAttribute("filter", f);
        model.addAttribute("code", code);
        model.addAttribute("severityLabel", severity == null || severity.isBlank() ? "" : Stats.severityLabel(severity));
        model.addAttribute("typeLabel", f.type() == null ? "" : stats.campaign().typeLabel(f.type()));
        model.addAttribute("templateLabel", f.template() == null ? ""
                : stats.campaign().template(f.template()).map(t -> t.label()).orElse(f.template()));
        return "stats-issues";
    }
}

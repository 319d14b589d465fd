package cn.huizong.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.web.Formats;
import cn.huizong.web.account.ConsoleUsers;
import cn.huizong.web.audit.AuditLog;
import cn.huizong.web.runs.RunDownloads;
import cn.huizong.web.runs.RunOutputs;
import cn.huizong.web.runs.RunStarter;
import cn.huizong.web.upload.CheckedUpload;
import cn.huizong.web.upload.InboxUploads;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The HTTP API for scripts and checks: JSON, HTTP Basic with the console's users, no session (so no CSRF).
 * The same services as the pages: uploads into serve's inbox with validate's check, runs through the run lock.
 */
@RestController
@RequestMapping("/api")
class ApiController {

    /** A file as stored and checked. */
    record FileJson(String path, String sha256, boolean duplicate, String template, String unit, long errors,
            long warnings, List<IssueJson> issues) {
    }

    record IssueJson(String sheet, Integer row, String column, String severity, String code, String message) {
    }

    record RunJson(String runId, String trigger, String status, String startedAt, String finishedAt, Integer filesTotal,
            Integer filesDone, Integer rowsAccepted, Integer rowsRejected) {
    }

    record NewUser(String username, String password, String role) {
    }

    private final InboxUploads uploads;
    private final RunStarter starter;
    private final RunService runs;
    private final RunOutputs outputs;
    private final RunDownloads downloads;
    private final ConsoleUsers users;
    private final AuditLog audit;
    private final Formats fmt;

    ApiController(InboxUploads uploads, RunStarter starter, RunService runs, RunOutputs outputs, RunDownloads downloads,
            ConsoleUsers users, AuditLog audit, Formats fmt) {
        this.uploads = uploads;
        this.starter = starter;
        this.runs = runs;
        this.outputs = outputs;
        this.downloads = downloads;
        this.users = users;
        this.audit = audit;
        this.fmt = fmt;
    }

    @PostMapping("/files")
    ResponseEntity<?> upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String receivedAt,
            @RequestParam(required = false) String unit, Authentication user, HttpServletRequest request)
            throws IOException {
        Instant at;
        try {
            at = receivedAt == null || receivedAt.isBlank() ? null : OffsetDateTime.parse(receivedAt).toInstant();
        } catch (DateTimeParseException e) {
            return message(HttpStatus.BAD_REQUEST, "receivedAt“" + receivedAt + "”无效，应为带时区的 ISO-8601 时间，例如 2025-12-08T16:40:00+08:00。");
        }
        CheckedUpload r;
        try (InputStream in = file.getInputStream()) {
            r = uploads.upload(in, file.getOriginalFilename(), unit, at, user.getName(), request.getRemoteAddr());
        } catch (InboxUploads.Refused e) {
            return message(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        FileJson body = new FileJson(r.path(), r.sha256(), r.duplicate(), r.template(), r.unit(), r.errors(), r.warnings(),
                r.issues().stream().map(i -> new IssueJson(i.sheet(), i.row(), i.column(), i.severity(), i.code(),
                        i.message())).toList());
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(body);
    }

    @PostMapping("/runs")
    ResponseEntity<?> start(Authentication user, HttpServletRequest request) {
        RunStarter.Result r = starter.start(user.getName(), request.getRemoteAddr());
        if (r.runId() != null) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("runId", r.runId()));
        }
        return message(r.busy() ? HttpStatus.CONFLICT : HttpStatus.INTERNAL_SERVER_ERROR, r.message());
    }

    @GetMapping("/runs")
    List<RunJson> list(@RequestParam(defaultValue = "20") int limit) {
        return runs.runs(Math.max(0, Math.min(limit, 1000))).stream().map(this::json).toList();
    }

    @GetMapping("/runs/{runId}")
    ResponseEntity<?> run(@PathVariable String runId) {
        Optional<RunStatus> s = outputs.status(runId);
        return s.<ResponseEntity<?>>map(r -> ResponseEntity.ok(json(r)))
                .orElseGet(() -> message(HttpStatus.NOT_FOUND, "找不到运行 " + runId + "。"));
    }

    @GetMapping("/runs/{runId}/outputs")
    ResponseEntity<?> outputs(@PathVariable String runId) throws IOException {
        if (outputs.status(runId).isEmpty()) {
            return message(HttpStatus.NOT_FOUND, "找不到运行 " + runId + "。");
        }
        return ResponseEntity.ok(outputs.list(runId));
    }

    @GetMapping("/runs/{runId}/outputs/{*path}")
    ResponseEntity<Resource> output(@PathVariable String runId, @PathVariable String path, Authentication user,
            HttpServletRequest request) throws IOException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return downloads.file(runId, relative, user.getName(), request.getRemoteAddr());
    }

    /** The current result's completeness.csv as objects, its columns in its order. */
    @GetMapping("/roster")
    ResponseEntity<?> roster() throws IOException {
        Optional<Path> folder = outputs.folder("latest");
        Path csv = folder.map(f -> f.resolve("csv").resolve("completeness.csv")).orElse(null);
        if (csv == null || !Files.isRegularFile(csv)) {
            return message(HttpStatus.NOT_FOUND, "还没有汇总结果。");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord r : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String h : header) {
                    row.put(h, r.get(h));
                }
                rows.add(row);
            }
        }
        return ResponseEntity.ok(rows);
    }

    @PostMapping("/users")
    ResponseEntity<?> createUser(@RequestBody NewUser body, Authentication user, HttpServletRequest request) {
        try {
            ConsoleUsers.Account a = users.create(body.username(), body.password(), body.role(), null);
            audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.USER_CREATE,
                    "新建用户 " + a.username() + "（" + a.role() + "）");
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("username", a.username(), "role", a.role().name()));
        } catch (ConsoleUsers.Refused e) {
            return message(e.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private RunJson json(RunStatus s) {
        return new RunJson(s.runId(), s.trigger(), s.status().name(), time(s.startedAt()), time(s.finishedAt()),
                s.filesTotal(), s.filesDone(), s.rowsAccepted(), s.rowsRejected());
    }

    private String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(fmt.zone()).toOffsetDateTime());
    }

    private static ResponseEntity<?> message(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }
}

package cn.huizong.web.runs;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.huizong.app.CliArguments;
import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.web.Formats;
import cn.huizong.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;

/** 汇总 (start, follow, stop, resume) and 运行记录 (the list, a run's page, its downloads). */
@Controller
class RunsController {

    private final RunService runs;
    private final RunStarter starter;
    private final RunOutputs outputs;
    private final RunDetails details;
    private final RunDownloads downloads;
    private final RunEvents events;
    private final AuditLog audit;
    private final Formats fmt;

    RunsController(RunService runs, RunStarter starter, RunOutputs outputs, RunDetails details, RunDownloads downloads,
            RunEvents events, AuditLog audit, Formats fmt) {
        this.runs = runs;
        this.starter = starter;
        this.outputs = outputs;
        this.details = details;
        this.downloads = downloads;
        this.events = events;
        this.audit = audit;
        this.fmt = fmt;
    }

    /** 汇总: the run going on (or the one asked for, or the last one) and the buttons. */
    @GetMapping("/run")
    String run(@RequestParam(required = false) String id, Model model, HttpServletRequest request) {
        Optional<RunStatus> running = runs.running();
        Optional<RunStatus> shown = id != null ? outputs.status(id) : running.or(() -> runs.runs(1).stream().findFirst());
        model.addAttribute("running", running.orElse(null));
        model.addAttribute("s", shown.orElse(null));
        model.addAttribute("message", shown.flatMap(s -> runs.outcomeMessage(s.runId())).orElse(null));
        pageVars(model, request);
        return "run";
    }

    @PostMapping("/runs/start")
    String start(Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        RunStarter.Result r = starter.start(user.getName(), request.getRemoteAddr());
        if (r.runId() == null) {
            redirect.addFlashAttribute("refused", r.message());
            return "redirect:/run";
        }
        return "redirect:/run?id=" + r.runId();
    }

    @PostMapping("/runs/{runId}/stop")
    String stop(@PathVariable String runId, Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        outputs.status(runId); // 400 for an id that cannot be one
        if (runs.stop(runId)) {
            audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.RUN_STOP, "运行 " + runId);
            redirect.addFlashAttribute("info", "已请求停止运行 " + runId + "：当前文件处理完后停止，之后可续跑。");
        } else {
            redirect.addFlashAttribute("refused", "运行 " + runId + " 没有在进行，无需停止。");
        }
        return "redirect:/run?id=" + runId;
    }

    @PostMapping("/runs/{runId}/resume")
    String resume(@PathVariable String runId, Authentication user, HttpServletRequest request,
            RedirectAttributes redirect) {
        RunStatus s = outputs.status(runId).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "找不到运行 " + runId));
        if (!s.status().resumable()) {
            redirect.addFlashAttribute("refused", "运行 " + runId + " 的状态是“" + s.status().label() + "”，不能续跑。");
            return "redirect:/run?id=" + runId;
        }
        try {
            RunService.Started started = runs.resume(runId, "web", user.getName());
            if (!started.started()) {
                redirect.addFlashAttribute("refused", started.refused().message());
                return "redirect:/run?id=" + runId;
            }
            audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.RUN_RESUME, "运行 " + runId);
            return "redirect:/run?id=" + started.runId();
        } catch (CliArguments.UsageException e) {
            redirect.addFlashAttribute("refused", e.getMessage());
            return "redirect:/run?id=" + runId;
        }
    }

    @GetMapping(path = "/runs/{runId}/events", produces = "text/event-stream")
    SseEmitter events(@PathVariable String runId, HttpServletRequest request) {
        outputs.status(runId);
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return events.follow(runId, new RunEvents.Page(request.getContextPath(),
                token == null ? "_csrf" : token.getParameterName(), token == null ? "" : token.getToken()));
    }

    /** 运行记录: newest first, the latest failed run on top; filters by status and by start date. */
    @GetMapping("/runs")
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, Model model) {
        List<RunStatus> all = runs.runs(1000);
        List<RunStatus> shown = new ArrayList<>(all.stream()
                .filter(r -> status == null || status.isBlank() || r.status().name().equals(status))
                .filter(r -> from == null || r.startedAt() != null
                        && !r.startedAt().atZone(fmt.zone()).toLocalDate().isBefore(from))
                .filter(r -> to == null || r.startedAt() != null
                        && !r.startedAt().atZone(fmt.zone()).toLocalDate().isAfter(to))
                .toList());
        Optional<RunStatus> failed = shown.stream().filter(r -> r.status() == RunStatus.State.FAILED).findFirst();
        failed.ifPresent(f -> {
            shown.remove(f);
            shown.add(0, f);
        });
        model.addAttribute("runs", shown);
        model.addAttribute("pinned", failed.map(RunStatus::runId).orElse(null));
        model.addAttribute("states", RunStatus.State.values());
        model.addAttribute("status", status);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "runs";
    }

    /** A run's page: its status, steps, issues by code and every output to download. */
    @GetMapping("/runs/{runId}")
    String detail(@PathVariable String runId, Model model, HttpServletRequest request) throws IOException {
        RunStatus s = outputs.status(runId).orElseThrow(() -> new ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, "找不到运行 " + runId));
        model.addAttribute("s", s);
        model.addAttribute("steps", details.steps(s));
        model.addAttribute("issues", details.issues(s));
        model.addAttribute("details", details);
        model.addAttribute("log", details.logTail(s));
        List<String> files = outputs.list(s.runId());
        model.addAttribute("mainFiles", files.stream().filter(f -> !f.startsWith(RunOutputs.FEEDBACK + "/")).toList());
        model.addAttribute("feedbackFiles", files.stream().filter(f -> f.startsWith(RunOutputs.FEEDBACK + "/")).toList());
        model.addAttribute("message", runs.outcomeMessage(s.runId()).orElse(null));
        pageVars(model, request);
        return "run-detail";
    }

    @GetMapping("/runs/{runId}/download")
    ResponseEntity<Resource> download(@PathVariable String runId, @RequestParam String path, Authentication user,
            HttpServletRequest request) throws IOException {
        return downloads.file(runId, path, user.getName(), request.getRemoteAddr());
    }

    @GetMapping("/runs/{runId}/feedback.zip")
    ResponseEntity<StreamingResponseBody> feedback(@PathVariable String runId, Authentication user,
            HttpServletRequest request) {
        return downloads.feedbackZip(runId, user.getName(), request.getRemoteAddr());
    }

    /** What the shared fragments (also rendered for the event stream) need. */
    private void pageVars(Model model, HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        model.addAttribute("base", request.getContextPath());
        model.addAttribute("fmt", fmt);
        model.addAttribute("csrfParam", token == null ? "_csrf" : token.getParameterName());
        model.addAttribute("csrfToken", token == null ? "" : token.getToken());
    }
}

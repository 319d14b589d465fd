package cn.huizong.web.runs;

import org.springframework.stereotype.Component;

import cn.huizong.app.CliArguments;
import cn.huizong.app.RunService;
import cn.huizong.web.ServeSettings;
import cn.huizong.web.audit.AuditLog;

/** 立即汇总, from a page or the API: serve's inbox and outputs, through the run service and its lock. */
@Component
public class RunStarter {

    /** The run's id, or (busy, a usage error) the Chinese message why there is none. */
    public record Result(String runId, String message, boolean busy) {
    }

    private final RunService runs;
    private final ServeSettings settings;
    private final AuditLog audit;

    RunStarter(RunService runs, ServeSettings settings, AuditLog audit) {
        this.runs = runs;
        this.settings = settings;
        this.audit = audit;
    }

    public Result start(String user, String address) {
        RunService.Started started;
        try {
            started = runs.start(settings.request(user));
        } catch (CliArguments.UsageException e) {
            return new Result(null, e.getMessage(), false);
        }
        if (!started.started()) {
            boolean busy = started.refused().code() == cn.huizong.app.ConsolidationRunner.EXIT_BUSY;
            return new Result(null, started.refused().message(), busy);
        }
        audit.record(user, address, AuditLog.Action.RUN_START, "运行 " + started.runId());
        return new Result(started.runId(), null, false);
    }
}

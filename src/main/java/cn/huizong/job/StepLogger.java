package cn.huizong.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** One log line per step start and end, so that an operator can see where a long run is. */
final class StepLogger implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StepLogger.class);

    @Override
    public void beforeStep(StepExecution step) {
        // a restarted step inherits its context: the file it failed on last time is not the one it works on now
        step.getExecutionContext().remove(ConsolidationJobConfiguration.CURRENT_FILE);
        log.info("step {} started (run {})", step.getStepName(), step.getJobParameters().getString("run.id"));
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        log.info("step {} {}: read {}, written {}, skipped {}", step.getStepName(), step.getStatus(),
                step.getReadCount(), step.getWriteCount(), step.getSkipCount());
        return step.getExitStatus();
    }
}

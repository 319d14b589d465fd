package cn.huizong.job;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Stops this process's running job at the next file boundary by marking the live step execution
 * terminate-only. Spring Batch 6.0's {@code JobOperator.stop} also writes the step execution from the calling
 * thread, which bumps its version under the running step; the step then fails on its next save with an
 * optimistic-locking error and the job ends FAILED instead of STOPPED (spring-batch#5120, #5484). Marking the
 * step's own object lets the step record STOPPED itself.
 */
public final class GracefulStop implements StepExecutionListener {

    private volatile StepExecution current;
    private volatile boolean requested;

    public void request() {
        requested = true;
        StepExecution step = current;
        if (step != null) {
            step.setTerminateOnly();
        }
    }

    /** A stop asked for between two steps (or before the job began) stops the next step before its work. */
    @Override
    public void beforeStep(StepExecution step) {
        current = step;
        if (requested) {
            step.setTerminateOnly();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        current = null;
        return step.getExitStatus();
    }

    /** A new run in this process starts clean once the stopped one has ended. */
    public void clear() {
        requested = false;
    }
}

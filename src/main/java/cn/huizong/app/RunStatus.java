package cn.huizong.app;

import java.time.Instant;

/**
 * Where a run is or how it ended, as data for the console and the API: read from {@code hz_run}, the run lock
 * and the job repository, so any process sees the same.
 *
 * @param filesTotal  files in the run's inbox
 * @param filesDone   of those, the ones read and checked so far (all of them once reading is over)
 * @param filesRead   distinct contents this run read itself (the rest were read by earlier runs), once finished
 * @param step        the step running now (RUNNING only), e.g. readAndCheckFilesStep
 * @param rowsRead    rows read so far by this run's reading step
 * @param currentFile the file read last (RUNNING only)
 * @param etaSeconds  estimated seconds left of the reading step, or null when unknown
 * @param dataRunId   the run whose result this one stands for (itself, or the run an unchanged rerun repeated)
 */
public record RunStatus(String runId, String trigger, String startedBy, State status, Instant startedAt,
        Instant finishedAt, Integer filesTotal, Integer filesDone, Integer filesRead, Integer rowsAccepted, Integer rowsRejected,
        String step, long rowsRead, String currentFile, Long etaSeconds, String dataRunId, String outputDir,
        boolean pruned) {

    /** The states a console and a script need; an interrupted run (its process died) counts as STOPPED. */
    public enum State {
        RUNNING, COMPLETED, UNCHANGED, STOPPED, FAILED;

        public String label() {
            return switch (this) {
                case RUNNING -> "进行中";
                case COMPLETED -> "完成";
                case UNCHANGED -> "无变化";
                case STOPPED -> "已停止（可续跑）";
                case FAILED -> "失败（可续跑）";
            };
        }

        public boolean resumable() {
            return this == STOPPED || this == FAILED;
        }
    }

    /** The step's name as a clerk would say it. */
    public String stepLabel() {
        return stepLabel(step);
    }

    /** A step's name as a clerk would say it. */
    public static String stepLabel(String step) {
        if (step == null) {
            return "";
        }
        return switch (step) {
            case "intakeInboxStep" -> "登记收件";
            case "readAndCheckFilesStep" -> "读取并检查文件";
            case "resolveSubmissionsStep", "resolutionStep" -> "判定采用与配额";
            case "publishOutputsStep" -> "生成汇总表与反馈";
            case "pruneOldRunsStep" -> "清理旧运行";
            default -> step;
        };
    }
}

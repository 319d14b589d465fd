package cn.huizong.resolution;

/**
 * One rule of resolution over the run's staged rows, applied in the order {@link Resolution} lists them. Each
 * rule reads and writes only the tables and templates it needs (a rule about 附件5's columns never scans
 * 附件1's rows).
 */
interface RunRule {

    void apply(String runId, IssueLog issues);
}

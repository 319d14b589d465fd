package cn.huizong.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;

/**
 * Where a consolidate run's wall time went, from the job repository it left behind: before the job (JVM and
 * Spring start-up, the lock, the inbox walk that hashes every file into the evidence store), each step of the
 * last job execution (BATCH_STEP_EXECUTION start and end), and after the job (summary, shutdown).
 * Usage: PhaseSplit JDBC_URL LAUNCH_EPOCH_MS EXIT_EPOCH_MS. Prints "phase seconds" lines.
 * The repository stores local times; this JVM runs on the same machine and zone as the one that wrote them.
 */
public final class PhaseSplit {

    private PhaseSplit() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long launched = Long.parseLong(args[1]);
        long exited = Long.parseLong(args[2]);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            long jobId;
            long jobStart;
            long jobEnd;
            try (PreparedStatement ps = c.prepareStatement("select JOB_EXECUTION_ID, START_TIME, END_TIME from BATCH_JOB_EXECUTION"
                    + " order by JOB_EXECUTION_ID desc limit 1");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    System.out.println("no-job 0");
                    return;
                }
                jobId = rs.getLong(1);
                jobStart = millis(rs.getTimestamp(2), launched);
                jobEnd = millis(rs.getTimestamp(3), exited);
            }
            System.out.printf("before-job %.2f%n", (jobStart - launched) / 1000.0);
            try (PreparedStatement ps = c.prepareStatement("select STEP_NAME, START_TIME, END_TIME from BATCH_STEP_EXECUTION"
                    + " where JOB_EXECUTION_ID = ? order by STEP_EXECUTION_ID")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long start = millis(rs.getTimestamp(2), launched);
                        long end = millis(rs.getTimestamp(3), exited);
                        System.out.printf("%s %.2f%n", rs.getString(1), (end - start) / 1000.0);
                    }
                }
            }
            System.out.printf("after-job %.2f%n", (exited - jobEnd) / 1000.0);
        }
    }

    private static long millis(Timestamp t, long fallback) {
        return t == null ? fallback : t.getTime();
    }
}

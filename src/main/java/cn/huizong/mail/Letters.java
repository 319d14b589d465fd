package cn.huizong.mail;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.support.Sha256;

/** What feedback and reminders share: which run is current, and where a unit's letters go. */
final class Letters {

    private Letters() {
    }

    /**
     * The run whose results are current for this output folder (README: the hz_run row that finished last as
     * COMPLETED or UNCHANGED; its data_run_id), or the run named, which must have completed with its details kept.
     */
    static String run(JdbcTemplate jdbc, Path output, String asked) throws NoCurrentRun {
        String runId;
        if (asked == null || asked.equals("latest")) {
            List<String> ids = jdbc.queryForList("SELECT data_run_id FROM hz_run WHERE output_dir = ? AND status IN "
                    + "('COMPLETED', 'UNCHANGED') AND data_run_id IS NOT NULL ORDER BY finished_at DESC",
                    String.class, output.toString());
            if (ids.isEmpty()) {
                throw new NoCurrentRun("输出目录 " + output + " 还没有完成的汇总运行，请先运行 consolidate。");
            }
            runId = ids.get(0);
        } else {
            runId = asked;
        }
        List<String> status = jdbc.queryForList("SELECT status FROM hz_run WHERE run_id = ?", String.class, runId);
        if (status.isEmpty()) {
            throw new NoCurrentRun("没有编号为 " + runId + " 的汇总运行（可用 runs 命令查看）。");
        }
        if (!status.get(0).equals("COMPLETED")) {
            throw new NoCurrentRun("汇总运行 " + runId + " 未完成或明细已清理（状态 " + status.get(0) + "），不能据此发送。");
        }
        return runId;
    }

    /**
     * Where a unit's letters go: the addresses the registry lists for it, else the sender of its latest file in the
     * run that came by mail; empty when neither is known.
     */
    static List<String> recipients(JdbcTemplate jdbc, String runId, String unit, Registry registry) {
        Optional<RegistryUnit> u = registry == null ? Optional.empty() : registry.byName(unit);
        if (u.isPresent() && !u.get().emails().isEmpty()) {
            return u.get().emails();
        }
        List<String> senders = jdbc.queryForList("SELECT m.sender FROM hz_file f JOIN hz_run r ON r.run_id = f.run_id "
                + "JOIN hz_mail_file m ON m.inbox_dir = r.input_dir AND m.path = f.path WHERE f.run_id = ? AND f.unit = ? "
                + "AND m.sender IS NOT NULL ORDER BY f.received_at DESC, f.file_no DESC", String.class, runId, unit);
        return senders.isEmpty() ? List.of() : List.of(senders.get(0));
    }

    static String key(String kind, String... parts) {
        return kind + ":" + Sha256.of(String.join("\u0000", parts));
    }
}

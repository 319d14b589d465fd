package cn.huizong.resolution;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.huizong.campaign.Campaign;
import cn.huizong.registry.Registry;

/**
 * Resolution of a run, in small named rules over everything staged for it: which file counts and whether it
 * came in time ({@link FileOutcomes} over the pure {@link WhichFileCounts}), then {@link RowStatuses},
 * {@link Quotas}, {@link DuplicateCases}, {@link UnitTypeMismatches}, {@link FileCounts} and
 * {@link Completeness}. The same staged data always gives the same answer, whatever order the files arrived in.
 */
public final class Resolution {

    private final JdbcTemplate jdbc;
    private final Campaign campaign;
    private final Registry registry;

    public Resolution(JdbcTemplate jdbc, Campaign campaign, Registry registry) {
        this.jdbc = jdbc;
        this.campaign = campaign;
        this.registry = registry;
    }

    public void resolve(String runId) {
        for (String table : List.of("hz_record", "hz_issue", "hz_quota", "hz_completeness", "hz_completeness_status")) {
            jdbc.update("DELETE FROM " + table + " WHERE run_id = ?", runId);
        }
        IssueLog issues = new IssueLog(jdbc, runId);
        FileOutcomes.Decided files = new FileOutcomes(jdbc, campaign, registry).decide(runId, issues);
        List<RunRule> rules = List.of(
                new RowStatuses(jdbc, files.supersededParts()),
                new Quotas(jdbc, campaign),
                new DuplicateCases(jdbc, campaign),
                new UnitTypeMismatches(jdbc, campaign),
                new FileCounts(jdbc), // after every row status is final
                new Completeness(jdbc, campaign, registry, files.lateByUnitTemplate()));
        for (RunRule rule : rules) {
            rule.apply(runId, issues);
        }
        issues.flush();
    }
}

package cn.huizong.app;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.util.unit.DataSize;

import cn.huizong.reading.PoiGuards;
import cn.huizong.support.ReadLimits;

/** Huizong's own schema and the read limits, both from configuration. */
@Configuration
class InfrastructureConfiguration {

    /**
     * Creates Huizong's tables if absent (the statements are idempotent, on H2 and PostgreSQL alike) and widens
     * the columns an older version created bounded.
     */
    @Bean
    InitializingBean huizongSchema(DataSource dataSource) {
        return () -> {
            new ResourceDatabasePopulator(new ClassPathResource("schema-huizong.sql")).execute(dataSource);
            SchemaMigration.addMissing(new JdbcTemplate(dataSource));
            SchemaMigration.widen(new JdbcTemplate(dataSource));
            Views.atStartUp(new JdbcTemplate(dataSource));
        };
    }

    /**
     * {@code huizong.limits.*}; sizes accept units (200MB), times ISO or simple durations (PT5M, 5m). Anything
     * not set keeps the default of {@link ReadLimits#DEFAULT}.
     */
    @Bean
    ReadLimits readLimits(Environment env) {
        Binder binder = Binder.get(env);
        ReadLimits d = ReadLimits.DEFAULT;
        String p = "huizong.limits.";
        ReadLimits limits = new ReadLimits(
                bytes(binder, p + "max-file-bytes", d.maxFileBytes()),
                bytes(binder, p + "max-xls-bytes", d.maxXlsBytes()),
                bytes(binder, p + "max-archive-member-bytes", d.maxArchiveMemberBytes()),
                binder.bind(p + "max-archive-members", Integer.class).orElse(d.maxArchiveMembers()),
                binder.bind(p + "max-archive-depth", Integer.class).orElse(d.maxArchiveDepth()),
                bytes(binder, p + "max-inflated-bytes", d.maxInflatedBytes()),
                binder.bind(p + "min-inflate-ratio", Double.class).orElse(d.minInflateRatio()),
                binder.bind(p + "max-rows-per-sheet", Integer.class).orElse(d.maxRowsPerSheet()),
                binder.bind(p + "max-columns", Integer.class).orElse(d.maxColumns()),
                binder.bind(p + "max-cells-per-file", Long.class).orElse(d.maxCellsPerFile()),
                binder.bind(p + "max-merged-regions", Integer.class).orElse(d.maxMergedRegions()),
                binder.bind(p + "max-text-chars", Long.class).orElse(d.maxTextChars()),
                binder.bind(p + "time-per-file", Duration.class).orElse(d.timePerFile()));
        PoiGuards.apply(limits);
        return limits;
    }

    private static long bytes(Binder binder, String name, long fallback) {
        return binder.bind(name, DataSize.class).map(DataSize::toBytes).orElse(fallback);
    }
}

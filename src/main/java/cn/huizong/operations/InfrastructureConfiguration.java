package cn.huizong.operations;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import cn.huizong.reading.ReadLimits;

/** Huizong's own schema and the read limits, both from configuration. */
@Configuration
public class InfrastructureConfiguration {

    /** Creates Huizong's tables if absent (the statements are idempotent, on H2 and PostgreSQL alike). */
    @Bean
    InitializingBean huizongSchema(DataSource dataSource) {
        return () -> new ResourceDatabasePopulator(new ClassPathResource("schema-huizong.sql")).execute(dataSource);
    }

    @Bean
    ReadLimits readLimits(
            @Value("${huizong.limits.max-file-bytes:209715200}") long maxFileBytes,
            @Value("${huizong.limits.max-archive-member-bytes:104857600}") long maxMemberBytes,
            @Value("${huizong.limits.max-archive-members:2000}") int maxMembers,
            @Value("${huizong.limits.max-rows-per-sheet:1048576}") int maxRows,
            @Value("${huizong.limits.max-columns:16384}") int maxColumns,
            @Value("${huizong.limits.max-cells-per-file:20000000}") long maxCells,
            @Value("${huizong.limits.time-per-file:PT5M}") Duration timePerFile) {
        return new ReadLimits(maxFileBytes, maxMemberBytes, maxMembers, maxRows, maxColumns, maxCells, timePerFile);
    }
}

package cn.huizong.web.stats;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.springdoc.core.annotations.ParameterObject;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/stats/*}: the statistics of the current result as JSON, for dashboards and scripts (HTTP Basic, the
 * console's users, role CLERK or ADMIN). Read from the {@code hz_current_*} views only.
 */
@RestController
@RequestMapping(path = "/api/stats", produces = "application/json")
@Tag(name = "统计", description = "当前汇总结果的统计（读取 hz_current_* 视图）；筛选条件与“报送情况”页面相同")
@SecurityRequirement(name = OpenApiConfiguration.BASIC)
@ApiResponse(responseCode = "400", description = "筛选条件无效（单位类型或表格编号不存在）",
        content = @Content(schema = @Schema(implementation = StatsApiController.Message.class)))
@ApiResponse(responseCode = "404", description = "还没有汇总结果",
        content = @Content(schema = @Schema(implementation = StatsApiController.Message.class)))
class StatsApiController {

    record Message(String message) {
    }

    /** The filters every endpoint takes, as query parameters (the same as the 报送情况 page's). */
    record Query(@Parameter(description = CITY) String city, @Parameter(description = TYPE) String type,
            @Parameter(description = TEMPLATE) String template) {

        StatsFilter filter(Stats stats) throws IOException {
            return stats.filter(city, type, template);
        }
    }

    private final Stats stats;

    StatsApiController(Stats stats) {
        this.stats = stats;
    }

    @GetMapping("/summary")
    @Operation(summary = "报送概况", description = "每张表格的应报、已报（按时/逾期）、未报（其中退回待复报）、采用的数据行数，"
            + "有错误的单位数；数据来自哪次运行、截至何时")
    @ApiResponse(responseCode = "200", description = "概况")
    StatsJson.Summary summary(@ParameterObject Query q) throws IOException {
        return stats.summary(q.filter(stats));
    }

    @GetMapping("/by-city")
    @Operation(summary = "按地市的报送情况", description = "每个地市、每张表格的应报、已报、按时、逾期、未报、退回待复报（地市按名录顺序）")
    @ApiResponse(responseCode = "200", description = "按地市")
    StatsJson.Breakdown byCity(@ParameterObject Query q) throws IOException {
        return stats.byCity(q.filter(stats));
    }

    @GetMapping("/by-type")
    @Operation(summary = "按单位类型的报送情况", description = "每种单位类型、每张表格的应报、已报、按时、逾期、未报、退回待复报")
    @ApiResponse(responseCode = "200", description = "按单位类型")
    StatsJson.Breakdown byType(@ParameterObject Query q) throws IOException {
        return stats.byType(q.filter(stats));
    }

    @GetMapping("/timeline")
    @Operation(summary = "报送进度", description = "每张表格按收到日期：当天收到的文件数、当天首次有效报送的单位数、累计单位数；"
            + "以及截止日期和应报单位数")
    @ApiResponse(responseCode = "200", description = "按日进度")
    StatsJson.Timeline timeline(@ParameterObject Query q) throws IOException {
        return stats.timeline(q.filter(stats));
    }

    @GetMapping("/quota")
    @Operation(summary = "案例限额使用", description = "报送了案例的单位：有效案例、采用、超出限额，及其限额（空为不限）；"
            + "超出最多的在前。表格筛选为不设限额的表格时为空")
    @ApiResponse(responseCode = "200", description = "限额使用")
    StatsJson.QuotaUse quota(@ParameterObject Query q) throws IOException {
        return stats.quota(q.filter(stats));
    }

    @GetMapping("/issues")
    @Operation(summary = "问题统计", description = "按问题代码和级别的条数（涉及文件数、单位数），以及按单位的错误、提醒、说明条数；"
            + "表格筛选按问题所在文件的表格")
    @ApiResponse(responseCode = "200", description = "问题统计")
    StatsJson.Issues issues(@ParameterObject Query q) throws IOException {
        return stats.issues(q.filter(stats));
    }

    static final String CITY = "地市，名录中的写法，如 郑州市；空为全部";
    static final String TYPE = "单位类型编号：city、dfc、undergrad、vocational；空为全部";
    static final String TEMPLATE = "表格编号，如 pairing、cases；空为全部";

    @ExceptionHandler(StatsFilter.BadFilter.class)
    ResponseEntity<Message> bad(StatsFilter.BadFilter e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new Message(e.getMessage()));
    }

    @ExceptionHandler(Stats.NoResult.class)
    ResponseEntity<Message> none(Stats.NoResult e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Message(e.getMessage()));
    }
}

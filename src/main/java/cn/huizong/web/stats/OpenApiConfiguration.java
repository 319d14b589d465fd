package cn.huizong.web.stats;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The OpenAPI document of the HTTP API ({@code /api/docs}, the UI at {@code /api/docs/ui}), made by springdoc. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "汇总 HTTP API", version = "1",
        description = "教育助企中原行汇总：上传与检查、汇总运行、输出下载，以及当前汇总结果的统计（/api/stats/*）。"
                + "HTTP Basic，与网页控制台相同的用户和角色。"))
@SecurityScheme(name = OpenApiConfiguration.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfiguration {

    static final String BASIC = "basic";
}

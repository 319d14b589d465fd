package cn.huizong.web.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import cn.huizong.web.audit.AuditLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Two filter chains: the API ({@code /api/**}) with HTTP Basic, no session and so no CSRF, answering 401/403 as
 * JSON; the pages with form login, a 30-minute session (application.properties), CSRF on every form and htmx
 * request, and strict headers. ADMIN implies CLERK.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, prefixed {bcrypt}
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("ADMIN").implies("CLERK").build();
    }

    /**
     * Actuator: health is public (a monitor asks it without an account; details only for admins), metrics are for
     * admins, by HTTP Basic like the API.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(b -> b.realmName("huizong").authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler((req, res, ex) -> json(res, HttpServletResponse.SC_FORBIDDEN,
                                "没有权限：运行指标只对管理员开放。")));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/users").hasRole("ADMIN")
                        .anyRequest().hasRole("CLERK"))
                .httpBasic(b -> b.realmName("huizong").authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()) // no cookie, no session: nothing for a forged request to ride on
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler((req, res, ex) -> json(res, HttpServletResponse.SC_FORBIDDEN,
                                "没有权限：当前用户的角色不能执行此操作。")))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuditLog audit, ConsoleUsers users) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(jakarta.servlet.http.HttpServletRequest request,
                    HttpServletResponse response, org.springframework.security.core.Authentication authentication)
                    throws IOException, jakarta.servlet.ServletException {
                users.succeeded(authentication.getName(), true);
                audit.record(authentication.getName(), request.getRemoteAddr(), AuditLog.Action.LOGIN_SUCCESS, "登录");
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        http.authorizeHttpRequests(a -> a
                        // the event stream goes on in async dispatches, error pages in error dispatches
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().hasRole("CLERK"))
                .formLogin(f -> f.loginPage("/login").successHandler(success)
                        .failureHandler((req, res, ex) -> res.sendRedirect(req.getContextPath() + "/login?" + reason(ex))))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .addLogoutHandler((req, res, auth) -> {
                            if (auth != null) {
                                audit.record(auth.getName(), req.getRemoteAddr(), AuditLog.Action.LOGOUT, "退出");
                            }
                        }))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    private static String reason(AuthenticationException e) {
        return e instanceof LockedException ? "locked" : e instanceof DisabledException ? "disabled" : "error";
    }

    private static void unauthorized(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"huizong\", charset=\"UTF-8\"");
        json(response, HttpServletResponse.SC_UNAUTHORIZED, e instanceof LockedException
                ? "账号已锁定：连续 5 次密码错误，请 15 分钟后再试。"
                : e instanceof DisabledException ? "账号已停用，请联系管理员。" : "需要登录：请用 HTTP Basic 提供正确的用户名和密码。");
    }

    static void json(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}

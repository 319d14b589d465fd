package cn.huizong.web.account;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import cn.huizong.web.audit.AuditLog;

/**
 * Failed and successful authentications of both the login form and the API's HTTP Basic: failures are counted
 * (the fifth in a row locks the account) and audited; a success resets the count. Successful form logins are
 * audited by {@link SecurityConfiguration}'s success handler, not here: every API call authenticates anew.
 */
@Component
class LoginEvents {

    private final ConsoleUsers users;
    private final AuditLog audit;

    LoginEvents(ConsoleUsers users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        String address = address(event.getAuthentication().getDetails());
        if (event instanceof AuthenticationFailureLockedEvent) {
            audit.record(name, address, AuditLog.Action.LOGIN_LOCKED, "账号已锁定，拒绝登录");
        } else if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            audit.record(name, address, AuditLog.Action.LOGIN_FAILURE, "用户名或密码错误");
            if (users.failed(name)) {
                audit.record(name, address, AuditLog.Action.ACCOUNT_LOCKED,
                        "连续 " + ConsoleUsers.MAX_FAILURES + " 次密码错误，锁定 " + ConsoleUsers.LOCK_TIME.toMinutes() + " 分钟");
            }
        } else {
            audit.record(name, address, AuditLog.Action.LOGIN_FAILURE, event.getException().getClass().getSimpleName());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        users.succeeded(event.getAuthentication().getName(), false);
    }

    static String address(Object details) {
        return details instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}

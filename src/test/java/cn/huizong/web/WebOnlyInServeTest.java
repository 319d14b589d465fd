package cn.huizong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.fixtures.SampleInbox;
import cn.huizong.app.Cli;

/**
 * Only {@code serve} starts a web server. With the console's port already taken, {@code consolidate} and
 * {@code validate} still succeed (they never try to listen), while {@code serve} cannot start.
 */
class WebOnlyInServeTest {

    @TempDir
    Path work;

    @Test
    void consolidateAndValidateOpenNoPortServeDoes() throws Exception {
        Path inbox = work.resolve("input/inbox");
        SampleInbox.write(inbox, work.resolve("input/received.csv"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            Map<String, Object> props = Map.of("server.port", port);
            Cli consolidate = Cli.run(props, "consolidate", "--input", inbox.toString(), "--output",
                    work.resolve("out").toString(), "--data", work.resolve("data").toString());
            assertThat(consolidate.code()).as(consolidate.err()).isZero();
            assertThat(consolidate.out()).contains("汇总完成").doesNotContain("网页控制台");

            Cli validate = Cli.run(props, "validate", inbox.resolve("郑州大学/附件5 郑州大学典型案例汇总表.xlsx").toString());
            assertThat(validate.code()).isIn(0, 4);
            assertThat(validate.out()).contains("表格：");

            Cli runs = Cli.run(props, "runs", "--data", work.resolve("data").toString());
            assertThat(runs.code()).as(runs.err()).isZero();

            // serve on the taken port fails at start-up: it does try to listen
            Cli serve = Cli.run(Map.of("HUIZONG_ADMIN_PASSWORD", "admin-secret-1"), "serve", "--port",
                    String.valueOf(port), "--input", inbox.toString(), "--output", work.resolve("out").toString(),
                    "--data", work.resolve("data").toString());
            assertThat(serve.code()).isEqualTo(1);
            assertThat(serve.err()).contains("程序无法启动");
        }
    }

    @Test
    void servesPortMustBeAPort() {
        Cli cli = Cli.run("serve", "--port", "http");
        assertThat(cli.code()).isEqualTo(2);
        assertThat(cli.err()).contains("端口“http”无效");
    }
}

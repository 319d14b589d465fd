package cn.huizong.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real HTTP client (java.net.http) against the console: a browser's session and CSRF token, or HTTP Basic. */
final class ConsoleClient {

    private static final Pattern META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    final String base;
    final HttpClient http;
    private final String basic;

    private ConsoleClient(int port, String basic) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.basic = basic;
    }

    /** A script's client: HTTP Basic on every request, no session. */
    static ConsoleClient basic(int port, String user, String password) {
        return new ConsoleClient(port, "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A browser's client, logged in through the login form. */
    static ConsoleClient browser(int port, String user, String password) throws Exception {
        ConsoleClient c = new ConsoleClient(port, null);
        String token = c.csrf("/login");
        HttpResponse<String> r = c.send(c.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
                        + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8))));
        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").endsWith("/")) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.headers().map());
        }
        return c;
    }

    /** The CSRF token a page carries in its meta tag. */
    String csrf(String page) throws Exception {
        String html = get(page).body();
        Matcher m = META.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + page);
        }
        return m.group(1);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(3));
        if (basic != null) {
            b.header("Authorization", basic);
        }
        return b;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return send(b);
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** One file (part "file") and form fields in a multipart body. */
    HttpResponse<String> multipart(String path, Map<String, String> fields, String fileName, byte[] content,
            Map<String, String> headers) throws Exception {
        String boundary = "----huizong" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n");
        }
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.write(content);
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest.Builder b = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(b::header);
        return send(b);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void write(ByteArrayOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}

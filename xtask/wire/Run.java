// Runs the docs samples of the compiled Java samples program against a mock server
// (`cargo xtask corpus --wire`).
//
// Usage: java samples.Run CLASSES LIMIT SECONDS. CLASSES lists the program's classes, the
// set-up first, then one per sample in order. The client is the set-up's (configured from
// the environment: base URL and credentials), built through its builder with an HttpClient
// that keeps every response body, so each result can be checked against the response it came
// from. Each sample runs alone on a worker thread: one line per sample on stdout,
// `WIRE {"index": i, "outcome": ok|rejected|parse|error, ...}`. A sample is done when its call
// returned or it printed its first result (one page item, one event), so a paginated list
// never walks more pages than the first.
//
// The SDK decodes leniently (a field of the wrong type becomes a default, a missing one null,
// unknown ones are kept), so a decoded result is checked by its round trip: the value the
// sample printed, turned back into JSON by the SDK (`Json.toNode`), must equal (numbers by
// value) the response or a part of it. Anything the SDK's types dropped or changed makes
// the outcome `parse`.
package samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

public final class Run {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The response bodies of the sample running on this thread. */
  private static final ThreadLocal<List<byte[]>> BODIES = new ThreadLocal<>();

  private Run() {}

  /** A sample printed its first result. */
  static final class Printed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Object value;

    Printed(Object value) {
      super("printed", null, false, false);
      this.value = value;
    }
  }

  /** System.out while the samples run: the first thing printed ends the sample. */
  static final class Stop extends PrintStream {
    Stop() {
      super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Override
    public void println(Object x) {
      throw new Printed(x);
    }

    @Override
    public void println(String x) {
      throw new Printed(x);
    }

    @Override
    public void print(Object x) {
      throw new Printed(x);
    }

    @Override
    public void print(String x) {
      throw new Printed(x);
    }

    @Override
    public void write(int b) {
      throw new Printed(null);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      throw new Printed(null);
    }
  }

  /** The JDK's client, keeping each byte-array response body for the calling thread. */
  static final class Recording extends HttpClient {
    private final HttpClient inner;

    Recording(HttpClient inner) {
      this.inner = inner;
    }

    private static <T> HttpResponse<T> keep(HttpResponse<T> r) {
      List<byte[]> bodies = BODIES.get();
      if (bodies != null && r.body() instanceof byte[]) {
        bodies.add((byte[]) r.body());
      }
      return r;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      return keep(inner.send(req, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest req, HttpResponse.BodyHandler<T> handler) {
      return inner.sendAsync(req, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest req,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      return inner.sendAsync(req, handler, push);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return inner.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return inner.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return inner.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return inner.proxy();
    }

    @Override
    public SSLContext sslContext() {
      return inner.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
      return inner.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return inner.authenticator();
    }

    @Override
    public Version version() {
      return inner.version();
    }

    @Override
    public Optional<Executor> executor() {
      return inner.executor();
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> classes = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    int limit = Integer.parseInt(args[1]);
    long seconds = Long.parseLong(args[2]);
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    Class<?> setup = Class.forName("samples." + classes.get(0).trim());
    Method make = setup.getDeclaredMethod("client");
    make.setAccessible(true);
    Class<?> clientClass = make.getReturnType();
    Object client = client(clientClass, make);
    Class<?> json = runtime(clientClass, "Json");
    Method toNode = json == null ? null : json.getMethod("toNode", Object.class);
    System.setOut(new Stop());
    int n = classes.size() - 1;
    if (limit > 0) {
      n = Math.min(n, limit);
    }
    for (int i = 0; i < n; i++) {
      StringBuilder line = new StringBuilder("WIRE {\"index\": ").append(i);
      try {
        runOne(classes.get(i + 1).trim(), client, seconds, toNode, line);
      } catch (Throwable e) {
        line.setLength(0);
        line.append("WIRE {\"index\": ").append(i);
        field(line, "outcome", "error");
        field(line, "error", clip("runner: " + describe(e)));
      }
      out.println(line.append('}'));
    }
    out.flush();
    System.exit(0);
  }

  /** The set-up's client, with the recording HttpClient when its builder takes one. */
  private static Object client(Class<?> clientClass, Method make) throws Exception {
    try {
      Method builder = clientClass.getMethod("builder");
      Object b = builder.invoke(null);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(60))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      b.getClass().getMethod("httpClient", HttpClient.class).invoke(b, new Recording(http));
      return b.getClass().getMethod("build").invoke(b);
    } catch (NoSuchMethodException e) {
      return make.invoke(null);
    }
  }

  /** A class of the SDK's runtime package (beside HttpCore, which `core()` returns). */
  private static Class<?> runtime(Class<?> clientClass, String name) {
    List<String> packages = new ArrayList<>();
    try {
      packages.add(clientClass.getMethod("core").getReturnType().getPackageName());
    } catch (NoSuchMethodException e) {
      // fall through to the usual layout
    }
    packages.add(clientClass.getPackageName() + ".core");
    for (String p : packages) {
      try {
        return Class.forName(p + "." + name);
      } catch (ClassNotFoundException e) {
        // next
      }
    }
    return null;
  }

  private static void runOne(
      String className, Object client, long seconds, Method toNode, StringBuilder line)
      throws Exception {
    Class<?> sample = Class.forName("samples." + className);
    Method run = null;
    for (Method m : sample.getDeclaredMethods()) {
      if (m.getName().equals("run") && m.getParameterCount() == 1) {
        run = m;
      }
    }
    if (run == null) {
      throw new IllegalStateException(className + " has no run(client)");
    }
    run.setAccessible(true);
    final Method target = run;
    final Throwable[] thrown = new Throwable[1];
    final List<byte[]> bodies = Collections.synchronizedList(new ArrayList<>());
    Thread worker =
        new Thread(
            () -> {
              BODIES.set(bodies);
              try {
                target.invoke(null, client);
              } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
              } catch (Throwable e) {
                thrown[0] = e;
              }
            },
            className);
    worker.setDaemon(true);
    worker.start();
    worker.join(seconds * 1000);
    if (worker.isAlive()) {
      worker.interrupt();
      field(line, "outcome", "error");
      field(line, "error", "no answer within " + seconds + "s");
      return;
    }
    Throwable e = thrown[0];
    if (e == null || e instanceof Printed) {
      Object value = e == null ? null : ((Printed) e).value;
      String mismatch = value == null ? null : check(value, toNode, bodies);
      if (mismatch == null) {
        field(line, "outcome", "ok");
      } else {
        field(line, "outcome", "parse");
        field(line, "error", clip(mismatch));
      }
      return;
    }
    Class<?> api = apiException(e.getClass());
    if (api != null) {
      field(line, "outcome", "rejected");
      line.append(", \"status\": ").append(api.getMethod("statusCode").invoke(e));
      Object headers = api.getMethod("headers").invoke(e);
      String violations = "";
      if (headers instanceof Map) {
        Object v = ((Map<?, ?>) headers).get("sl-violations");
        if (v instanceof List && !((List<?>) v).isEmpty()) {
          violations = String.valueOf(((List<?>) v).get(0));
        }
      }
      field(line, "violations", clip(violations));
      field(line, "body", clip(String.valueOf(api.getMethod("bodyText").invoke(e))));
      return;
    }
    field(line, "outcome", "error");
    field(line, "error", clip(describe(e)));
  }

  /** The SDK's API error class (status code and response) among e's classes, if any. */
  private static Class<?> apiException(Class<?> c) {
    for (; c != null; c = c.getSuperclass()) {
      if (c.getSimpleName().equals("ApiException")) {
        try {
          c.getMethod("statusCode");
          c.getMethod("headers");
          c.getMethod("bodyText");
          return c;
        } catch (NoSuchMethodException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * Null when the printed value, turned back into JSON, is the response or a part of it;
   * otherwise what differs from the closest part.
   */
  static String check(Object value, Method toNode, List<byte[]> bodies) throws Exception {
    if (value instanceof CharSequence || toNode == null) {
      // Text, a byte count, or a value the sample formatted itself.
      return null;
    }
    JsonNode got = (JsonNode) toNode.invoke(null, value);
    List<JsonNode> roots = new ArrayList<>();
    synchronized (bodies) {
      for (byte[] b : bodies) {
        roots.addAll(parse(b));
      }
    }
    if (roots.isEmpty()) {
      // No JSON response was kept (an event stream is read as it arrives).
      return null;
    }
    List<JsonNode> parts = new ArrayList<>();
    for (JsonNode r : roots) {
      collect(r, parts);
    }
    List<String> best = null;
    for (JsonNode p : parts) {
      List<String> diffs = new ArrayList<>();
      diff("$", p, got, diffs);
      if (diffs.isEmpty()) {
        return null;
      }
      if (p.getNodeType() == got.getNodeType() && (best == null || diffs.size() < best.size())) {
        best = diffs;
      }
    }
    String type = value.getClass().getSimpleName();
    if (best == null) {
      return "the " + type + " the SDK decoded is " + clip(got.toString(), 200)
          + ", no part of the response";
    }
    return "the " + type + " the SDK decoded differs from the response: "
        + String.join("; ", best.subList(0, Math.min(3, best.size())))
        + (best.size() > 3 ? " (" + best.size() + " differences)" : "");
  }

  /** A body as JSON: the document, or the data of each server-sent event. */
  private static List<JsonNode> parse(byte[] body) {
    List<JsonNode> out = new ArrayList<>();
    if (body.length == 0) {
      return out;
    }
    try {
      out.add(MAPPER.readTree(body));
      return out;
    } catch (IOException e) {
      // not one JSON document
    }
    for (String l : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (l.startsWith("data:")) {
        try {
          out.add(MAPPER.readTree(l.substring(5).trim()));
        } catch (IOException e) {
          // not JSON
        }
      }
    }
    return out;
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    out.add(n);
    if (n.isContainerNode()) {
      for (JsonNode c : n) {
        collect(c, out);
      }
    }
  }

  /** Where `got` (what the SDK gives) differs from `want` (the response), numbers by value. */
  static void diff(String at, JsonNode want, JsonNode got, List<String> out) {
    if (out.size() > 50) {
      return;
    }
    if (want.isNumber() && got.isNumber()) {
      if (want.decimalValue().compareTo(got.decimalValue()) != 0) {
        out.add(at + ": response " + want + ", SDK " + got);
      }
      return;
    }
    if (want.isObject() && got.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      want.fieldNames().forEachRemaining(keys::add);
      got.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        JsonNode w = want.get(k);
        JsonNode g = got.get(k);
        String path = at + "." + k;
        if (w == null) {
          out.add(path + ": absent from the response, SDK " + clip(g.toString(), 80));
        } else if (g == null) {
          out.add(path + ": response " + clip(w.toString(), 80) + ", absent from the SDK's value");
        } else {
          diff(path, w, g, out);
        }
      }
      return;
    }
    if (want.isArray() && got.isArray()) {
      if (want.size() != got.size()) {
        out.add(at + ": response has " + want.size() + " items, SDK " + got.size());
        return;
      }
      Iterator<JsonNode> w = want.elements();
      Iterator<JsonNode> g = got.elements();
      for (int i = 0; w.hasNext(); i++) {
        diff(at + "[" + i + "]", w.next(), g.next(), out);
      }
      return;
    }
    if (!want.equals(got)) {
      out.add(at + ": response " + clip(want.toString(), 80) + ", SDK " + clip(got.toString(), 80));
    }
  }

  private static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause()) {
      String text =
          t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
      if (!parts.contains(text)) {
        parts.add(text);
      }
    }
    StackTraceElement[] trace = e.getStackTrace();
    if (trace.length > 0) {
      parts.add("at " + trace[0]);
    }
    return String.join(" / caused by ", parts);
  }

  static String clip(String text) {
    return clip(text, 600);
  }

  static String clip(String text, int n) {
    String t = String.join(" ", text.trim().split("\\s+"));
    return t.length() <= n ? t : t.substring(0, n) + "...";
  }

  private static void field(StringBuilder line, String key, String value) {
    line.append(", ").append(quote(key)).append(": ").append(quote(value));
  }

  /** A JSON string literal. */
  static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

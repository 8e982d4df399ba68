package dev.modelrun.adapters.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Swagger UI at {@value #PATH}, served offline from the class path. The page and its initializer are ours: they load
 * {@code /openapi.json} from this same origin, so "Try it out" reaches this server with no CORS. Every other file
 * (scripts, styles, icons) comes from the {@code org.webjars:swagger-ui} jar.
 */
final class SwaggerUi {
  static final String PATH = "/swagger";
  private static final String OWN_FILES = "/dev/modelrun/adapters/http/swagger";
  private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private SwaggerUi() {}

  /** Serves the files below {@value #PATH}: ours first, so our initializer wins over the webjar's, then the webjar's. */
  static void serveFiles(JavalinConfig config) {
    String webjarFiles = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion();
    for (String directory : new String[] {OWN_FILES, webjarFiles}) {
      config.staticFiles.add(files -> {
        files.hostedPath = PATH;
        files.directory = directory;
        files.location = Location.CLASSPATH;
      });
    }
  }

  /** The page itself, at {@value #PATH} (and {@value #PATH}/). */
  static void register(Javalin app, byte[] page) {
    app.get(PATH, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
  }

  // why: the webjar's files sit in a folder named by its version; reading it here keeps the pom the one place for it.
  private static String webjarVersion() {
    try (InputStream in = SwaggerUi.class.getResourceAsStream(WEBJAR_POM)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the class path (no " + WEBJAR_POM + ")");
      }
      Properties pom = new Properties();
      pom.load(in);
      String version = pom.getProperty("version");
      if (version == null || version.isBlank()) {
        throw new IllegalStateException(WEBJAR_POM + " names no version");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

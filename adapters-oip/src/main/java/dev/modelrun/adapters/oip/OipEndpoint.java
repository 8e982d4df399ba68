package dev.modelrun.adapters.oip;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where a remote model runs: the model server's base URL, the model's name on it and, when the server serves several
 * versions, the version ({@code ""} for the server's default).
 */
public record OipEndpoint(URI server, String model, String version) {
  public OipEndpoint {
    requireNonNull(server, "server");
    requireNonNull(model, "model");
    requireNonNull(version, "version");
    checkArgument("http".equals(server.getScheme()) || "https".equals(server.getScheme()),
        "the model server must be an http(s) URL but was %s", server);
    checkArgument(server.getHost() != null, "the model server URL %s has no host", server);
    checkArgument(!model.isBlank(), "the model name must not be blank");
    String base = server.toString();
    server = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
  }

  /** {@code {server}/v2/models/{model}[/versions/{version}]}: the model's routes start here. */
  public URI modelUri(String suffix) {
    String path = "/v2/models/" + encode(model) + (version.isEmpty() ? "" : "/versions/" + encode(version));
    return URI.create(server + path + suffix);
  }

  /** {@code {server}/v2/health/ready}. */
  public URI serverReadyUri() {
    return URI.create(server + "/v2/health/ready");
  }

  private static String encode(String segment) {
    return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return model + (version.isEmpty() ? "" : "@" + version) + " at " + server;
  }
}

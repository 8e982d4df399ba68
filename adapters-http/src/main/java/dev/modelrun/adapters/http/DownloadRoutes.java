package dev.modelrun.adapters.http;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InvalidLinkException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;
import dev.modelrun.core.model.NotFoundException;
import dev.modelrun.core.port.in.DownloadOutputUseCase;
import dev.modelrun.core.port.in.OutputFile;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The download behind a result link: {@code GET /downloads/{id}?expires=<epoch seconds>&sig=<hex>} streams the
 * output file with its media type and a {@code Content-Disposition} file name. The signed link is the authorization
 * (no API key): an altered or expired link answers 403, an unfinished job 409, an unknown one 404, each with the
 * on-demand error envelope.
 */
final class DownloadRoutes {
  private final DownloadOutputUseCase downloads;
  private final Json json;

  DownloadRoutes(DownloadOutputUseCase downloads, Json json) {
    this.downloads = requireNonNull(downloads, "downloads");
    this.json = requireNonNull(json, "json");
  }

  void register(Javalin app) {
    app.get("/downloads/{id}", this::download);
  }

  private void download(Context ctx) throws IOException {
    OutputFile file;
    try {
      JobId id = JobId.parse(ctx.pathParam("id"));
      file = downloads.download(id, expires(ctx.queryParam("expires")), signature(ctx.queryParam("sig")));
    } catch (InvalidLinkException e) {
      fail(ctx, 403, e.getMessage());
      return;
    } catch (JobNotFoundException | NotFoundException e) {
      fail(ctx, 404, e.getMessage());
      return;
    } catch (ConflictException e) {
      fail(ctx, 409, e.getMessage());
      return;
    }
    ctx.status(200).contentType(file.mediaType()).header("Content-Disposition", disposition(file.fileName()));
    file.content().sizeIfKnown().toJavaUtil().ifPresent(size -> ctx.header("Content-Length", Long.toString(size)));
    ctx.result(file.content().openStream());
  }

  private static long expires(String text) {
    if (text == null || !text.matches("\\d{1,18}")) {
      throw new InvalidLinkException("this download link is not valid: its expiry is missing or malformed");
    }
    return Long.parseLong(text);
  }

  private static String signature(String text) {
    if (text == null || text.isEmpty() || text.length() > 128) {
      throw new InvalidLinkException("this download link is not valid: its signature is missing or malformed");
    }
    return text;
  }

  // why: the plain filename for old clients (only safe characters), filename* (RFC 6266) for the exact name.
  static String disposition(String fileName) {
    String plain = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
    String exact = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + exact;
  }

  private void fail(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json").result(json.write(Views.envelopeError(message)));
  }
}

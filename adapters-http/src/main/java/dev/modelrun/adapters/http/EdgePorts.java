package dev.modelrun.adapters.http;

import static java.util.Objects.requireNonNull;

import dev.modelrun.core.port.in.AuthenticateUseCase;
import dev.modelrun.core.port.in.AwaitJobUseCase;
import dev.modelrun.core.port.in.CancelJobUseCase;
import dev.modelrun.core.port.in.ChunkedJobUseCase;
import dev.modelrun.core.port.in.DownloadOutputUseCase;
import dev.modelrun.core.port.in.GetJobUseCase;
import dev.modelrun.core.port.in.JobHistoryUseCase;
import dev.modelrun.core.port.in.JobResultsUseCase;
import dev.modelrun.core.port.in.ModelCatalogUseCase;
import dev.modelrun.core.port.in.ReadinessUseCase;
import dev.modelrun.core.port.in.RenameJobUseCase;
import dev.modelrun.core.port.in.ResultLinkUseCase;
import dev.modelrun.core.port.in.SubmitJobUseCase;

/**
 * The inbound ports the HTTP edge calls, the readiness check of {@code /health/ready} among them. The edge sees nothing
 * else of the application.
 */
public record EdgePorts(
    AuthenticateUseCase authenticate,
    SubmitJobUseCase submit,
    GetJobUseCase get,
    JobHistoryUseCase history,
    CancelJobUseCase cancel,
    RenameJobUseCase rename,
    JobResultsUseCase results,
    ResultLinkUseCase resultLink,
    DownloadOutputUseCase download,
    ModelCatalogUseCase catalog,
    ChunkedJobUseCase chunked,
    AwaitJobUseCase await,
    ReadinessUseCase readiness) {

  public EdgePorts {
    requireNonNull(authenticate, "authenticate");
    requireNonNull(submit, "submit");
    requireNonNull(get, "get");
    requireNonNull(history, "history");
    requireNonNull(cancel, "cancel");
    requireNonNull(rename, "rename");
    requireNonNull(results, "results");
    requireNonNull(resultLink, "resultLink");
    requireNonNull(download, "download");
    requireNonNull(catalog, "catalog");
    requireNonNull(chunked, "chunked");
    requireNonNull(await, "await");
    requireNonNull(readiness, "readiness");
  }

  /** Every port from one object that implements all the job use cases (the engine), plus authentication. */
  public static <E extends SubmitJobUseCase & GetJobUseCase & JobHistoryUseCase & CancelJobUseCase
      & RenameJobUseCase & JobResultsUseCase & ResultLinkUseCase & DownloadOutputUseCase & ModelCatalogUseCase
      & ChunkedJobUseCase & AwaitJobUseCase> EdgePorts of(E jobs, AuthenticateUseCase authenticate,
      ReadinessUseCase readiness) {
    return new EdgePorts(authenticate, jobs, jobs, jobs, jobs, jobs, jobs, jobs, jobs, jobs, jobs, jobs, readiness);
  }
}

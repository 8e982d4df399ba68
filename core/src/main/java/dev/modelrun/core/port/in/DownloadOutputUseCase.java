package dev.modelrun.core.port.in;

import dev.modelrun.core.model.ConflictException;
import dev.modelrun.core.model.InvalidLinkException;
import dev.modelrun.core.model.JobId;
import dev.modelrun.core.model.JobNotFoundException;

/**
 * Serves the output file behind a signed result link ({@link ResultLinkUseCase}): the link itself is the
 * authorization, so no caller is named.
 */
public interface DownloadOutputUseCase {
  /**
   * @param expires the link's expiry, in seconds since the epoch
   * @param signature the link's signature, as it came
   * @throws InvalidLinkException when the signature does not match the job and expiry, or the link has expired
   * @throws JobNotFoundException when the job no longer exists
   * @throws ConflictException when the job has not finished, or ended without an output file
   */
  OutputFile download(JobId job, long expires, String signature);
}

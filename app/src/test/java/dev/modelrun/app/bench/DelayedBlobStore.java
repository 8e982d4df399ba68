package dev.modelrun.app.bench;

import java.time.Duration;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A blob store whose reads and listings answer after a fixed delay, as S3 answers across a network: the S3 server of
 * {@link S3StoresBenchmark} on it makes the floor and the job wait for their requests as they would on S3, where
 * without it both are bound by the CPU that the local server shares with them.
 */
final class DelayedBlobStore extends ForwardingBlobStore {
  private final Duration delay;

  DelayedBlobStore(BlobStore store, Duration delay) {
    super(store);
    this.delay = delay;
  }

  @Override
  public Blob getBlob(String container, String name) {
    pause();
    return super.getBlob(container, name);
  }

  @Override
  public Blob getBlob(String container, String name, GetOptions options) {
    pause();
    return super.getBlob(container, name, options);
  }

  @Override
  public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
    pause();
    return super.list(container, options);
  }

  private void pause() {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.modelrun.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Where the bytes of an input live when the job does not hold them (an S3 object), written down so that a durable
 * input store can keep it instead of the bytes and any node can read them when the model runs. {@code kind} names
 * the adapter that opens it ({@code aws-s3}); {@code sealed} is that adapter's reference, with every credential in it
 * encrypted, so it is never a secret in clear. Printing it shows the kind and size only.
 */
public record InputReference(String kind, byte[] sealed) {
  /** The longest kind accepted. */
  public static final int MAX_KIND_LENGTH = 32;

  public InputReference {
    requireNonNull(kind, "kind");
    requireNonNull(sealed, "sealed");
    checkArgument(!kind.isBlank() && kind.length() <= MAX_KIND_LENGTH, "kind must be 1 to %s characters",
        MAX_KIND_LENGTH);
    checkArgument(sealed.length > 0, "sealed must not be empty");
    sealed = sealed.clone();
  }

  @Override
  public byte[] sealed() {
    return sealed.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputReference that && kind.equals(that.kind) && Arrays.equals(sealed, that.sealed);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(sealed);
  }

  @Override
  public String toString() {
    return "InputReference[" + kind + ", " + sealed.length + " bytes]";
  }
}

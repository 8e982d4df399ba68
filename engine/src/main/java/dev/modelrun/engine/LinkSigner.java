package dev.modelrun.engine;

import static com.google.common.base.Preconditions.checkArgument;

import dev.modelrun.core.model.JobId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs result links: HMAC-SHA256 over the job id and the expiry, with the engine's link secret, in hex. */
final class LinkSigner {
  /** The shortest secret accepted: the 256 bits of the hash. */
  static final int MIN_SECRET_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  LinkSigner(byte[] secret) {
    checkArgument(secret.length >= MIN_SECRET_BYTES, "the link secret must have at least %s bytes but has %s",
        MIN_SECRET_BYTES, secret.length);
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  String sign(JobId job, long expires) {
    return HexFormat.of().formatHex(mac(job, expires));
  }

  /** True when {@code signature} is the signature of this job and expiry; compared in constant time. */
  boolean verify(JobId job, long expires, String signature) {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(job, expires), given);
  }

  private byte[] mac(JobId job, long expires) {
    try {
      // why: a Mac per call; Mac objects are not thread-safe and this is far from hot.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal((job.value() + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}

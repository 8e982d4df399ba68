package dev.modelrun.adapters.s3;

import static com.google.common.base.Preconditions.checkArgument;

import dev.modelrun.core.model.S3Credentials;
import dev.modelrun.core.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the credentials of a request (access key id, secret key, region) so they can be stored with a job's items,
 * and opens them again on any node holding the same key. AES-256-GCM with a random 96-bit nonce per seal; the key is
 * derived from the server's secret (HMAC-SHA256 of a fixed label), so that secret never encrypts anything itself.
 * Format 1: a version byte, the nonce, then the ciphertext and its 128-bit tag; the version byte is authenticated.
 */
final class CredentialSeal {
  /** The shortest server secret accepted: the 256 bits of the key. */
  static final int MIN_SECRET_BYTES = 32;
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] LABEL = "modelrun: S3 credentials of stored inputs, v1".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private CredentialSeal(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A seal whose key derives from {@code secret} (at least 32 bytes): every node given that secret opens its seals. */
  static CredentialSeal derivedFrom(byte[] secret) {
    checkArgument(secret.length >= MIN_SECRET_BYTES, "the secret must have at least %s bytes but has %s",
        MIN_SECRET_BYTES, secret.length);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return new CredentialSeal(mac.doFinal(LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** A seal with a random key: what it seals opens in this process only. */
  static CredentialSeal random() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new CredentialSeal(key);
  }

  byte[] seal(S3Credentials credentials) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
      byte[] sealed = cipher.doFinal(plain(credentials));
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /** @throws IllegalArgumentException saying why the bytes do not open with this key */
  S3Credentials open(byte[] sealed) {
    if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new IllegalArgumentException("the sealed S3 credentials are not in a known format");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES));
      return credentials(cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES));
    } catch (AEADBadTagException e) {
      throw new IllegalArgumentException("the sealed S3 credentials do not open with this server's key: they were "
          + "sealed by a server with another secret, or altered", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  // why: a Cipher per call; Cipher objects are not thread-safe, and this runs once per submit and per item read.
  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(new byte[] {VERSION});
    return cipher;
  }

  private static byte[] plain(S3Credentials credentials) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      BinaryFields.writeString(out, credentials.accessKeyId());
      BinaryFields.writeString(out, credentials.secretAccessKey().value());
      BinaryFields.writeString(out, credentials.region());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static S3Credentials credentials(byte[] plain) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      return new S3Credentials(BinaryFields.readString(in), Secret.of(BinaryFields.readString(in)),
          BinaryFields.readString(in));
    } catch (IOException e) {
      throw new IllegalArgumentException("the sealed S3 credentials are cut short", e);
    }
  }
}

package dev.boxoffice.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RSA keys made once per test run, so tests can forge tokens the application must accept
 * or refuse.
 */
public final class TestKeys {

	/** The application's signing key. */
	public static final KeyPair SIGNING = generate();

	/** An earlier signing key, still accepted (boxoffice.jwt.accepted-public-keys). */
	public static final KeyPair PREVIOUS = generate();

	/** A key the application has never heard of. */
	public static final KeyPair STRANGER = generate();

	private TestKeys() {
	}

	public static String privatePem(KeyPair pair) {
		return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
	}

	public static String publicPem(KeyPair pair) {
		return pem("PUBLIC KEY", pair.getPublic().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

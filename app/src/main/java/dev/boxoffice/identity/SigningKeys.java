package dev.boxoffice.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The RSA key that signs access tokens, and the public keys that verify them: the signing
 * key's and any others accepted during a rotation. Each key's id is its RFC 7638
 * thumbprint, so a new key always has a new id.
 */
@Component
class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private final RSAKey current;

	private final JWKSet publicKeys;

	SigningKeys(JwtProperties properties) {
		this.current = (properties.privateKey() != null) ? fromPrivatePem(properties.privateKey()) : generated();
		List<JWK> verifying = new ArrayList<>();
		verifying.add(this.current.toPublicJWK());
		for (String pem : properties.acceptedPublicKeys()) {
			RSAKey key = fromPublicPem(pem);
			if (verifying.stream().noneMatch((known) -> known.getKeyID().equals(key.getKeyID()))) {
				verifying.add(key);
			}
		}
		this.publicKeys = new JWKSet(verifying);
	}

	/** The key new tokens are signed with. */
	RSAKey current() {
		return this.current;
	}

	/**
	 * Every key a token may be verified with; what {@code /.well-known/jwks.json} shows.
	 */
	JWKSet publicKeys() {
		return this.publicKeys;
	}

	private static RSAKey generated() {
		log.warn("No boxoffice.jwt.private-key configured: signing tokens with a key generated now. "
				+ "Tokens will not survive a restart and other instances will reject them.");
		try {
			return withIdentity(new RSAKeyGenerator(2048).generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate an RSA signing key", ex);
		}
	}

	static RSAKey fromPrivatePem(String pem) {
		try {
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa
				.generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
			RSAPublicKey publicKey = (RSAPublicKey) rsa
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return withIdentity(new RSAKey.Builder(publicKey).privateKey(privateKey).build());
		}
		catch (GeneralSecurityException | ClassCastException | JOSEException ex) {
			throw new IllegalArgumentException("boxoffice.jwt.private-key is not a PEM (PKCS#8) RSA private key", ex);
		}
	}

	static RSAKey fromPublicPem(String pem) {
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
			return withIdentity(new RSAKey.Builder(publicKey).build());
		}
		catch (GeneralSecurityException | ClassCastException | JOSEException ex) {
			throw new IllegalArgumentException(
					"boxoffice.jwt.accepted-public-keys holds a key that is not a PEM RSA public key", ex);
		}
	}

	private static RSAKey withIdentity(RSAKey key) throws JOSEException {
		return new RSAKey.Builder(key).keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.keyIDFromThumbprint()
			.build();
	}

	private static byte[] der(String pem, String type) {
		String body = pem.replace("-----BEGIN " + type + "-----", "")
			.replace("-----END " + type + "-----", "")
			.replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

}

package dev.boxoffice.platform.ratelimit;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ClientAddressTests {

	@Test
	void withoutProxiesThePeerIsTheClientAndForwardedHeadersAreIgnored() {
		assertThat(ClientAddress.of(request("1.1.1.1, 2.2.2.2"), 0)).isEqualTo("10.0.0.1");
	}

	@Test
	void behindProxiesTheClientIsTheAddressTheOutermostProxySaw() {
		assertThat(ClientAddress.of(request("6.6.6.6, 203.0.113.7"), 1)).isEqualTo("203.0.113.7");
		assertThat(ClientAddress.of(request("6.6.6.6, 203.0.113.7, 10.0.0.9"), 2)).isEqualTo("203.0.113.7");
	}

	@Test
	void aMissingHeaderFallsBackToThePeer() {
		assertThat(ClientAddress.of(request(null), 1)).isEqualTo("10.0.0.1");
	}

	@Test
	void namesAreNeverLookedUp() {
		assertThat(ClientAddress.of(request("evil.example"), 1)).isEqualTo("unknown");
	}

	@Test
	void ipv6ClientsCountPerSlash64() {
		assertThat(ClientAddress.of(request("2001:db8:1:2:3:4:5:6"), 1)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.of(request("2001:db8:1:2:ffff::1"), 1)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
	}

	private static MockServerHttpRequest request(String forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/api/me")
			.remoteAddress(new InetSocketAddress("10.0.0.1", 40000));
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		return builder.build();
	}

}

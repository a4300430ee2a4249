package dev.boxoffice.platform;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service serves on epoll. Netty's BOM manages the load harness's io_uring transport
 * at runtime scope, which carried its native part into the service; app/pom.xml keeps it
 * out (only its classes stay, for the harness). Without that exclusion io_uring is
 * available here, and Reactor Netty prefers it (docs/performance.md).
 */
@EnabledOnOs(OS.LINUX)
@Tag("unit")
class NettyTransportTests {

	@Test
	void theServiceHasEpollAndNotIoUring() {
		assertThat(IoUring.isAvailable()).as("io_uring's native transport is on the classpath").isFalse();
		assertThat(Epoll.isAvailable()).isTrue();
	}

}

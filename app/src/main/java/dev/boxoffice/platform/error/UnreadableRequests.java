package dev.boxoffice.platform.error;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.boxoffice.platform.RandomUuids;
import dev.boxoffice.platform.observability.RequestIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * A request the HTTP layer cannot read (a NUL or another control character in a header, a
 * request line or headers too long) never reaches the application: Reactor Netty answers
 * it with an empty 400, 414 or 431. This handler, right after the HTTP decoder, answers
 * it first, with a problem detail, and closes the connection.
 */
@Configuration(proxyBeanMethods = false)
class UnreadableRequests {

	@Bean
	NettyServerCustomizer problemsForUnreadableRequests() {
		return (server) -> server.doOnChannelInit((observer, channel, remote) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, "boxoffice.unreadableRequests", new Answerer());
			}
		});
	}

	/**
	 * One per connection: after its answer, whatever else the connection sends is
	 * dropped.
	 */
	private static final class Answerer extends ChannelInboundHandlerAdapter {

		private boolean answered;

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (this.answered) {
				ReferenceCountUtil.release(message);
				return;
			}
			if (message instanceof HttpRequest request && request.decoderResult().isFailure()) {
				this.answered = true;
				Throwable cause = request.decoderResult().cause();
				ReferenceCountUtil.release(message);
				context.writeAndFlush(answer(cause)).addListener(ChannelFutureListener.CLOSE);
				return;
			}
			context.fireChannelRead(message);
		}

		private static FullHttpResponse answer(Throwable cause) {
			HttpStatus status = (cause instanceof TooLongHttpLineException) ? HttpStatus.URI_TOO_LONG
					: (cause instanceof TooLongHttpHeaderException) ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
							: HttpStatus.BAD_REQUEST;
			ProblemDetail problem = RefusedRequestProblems.unreadable(status);
			String requestId = RandomUuids.next().toString();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", problem.getType().toString());
			body.put("title", problem.getTitle());
			body.put("status", problem.getStatus());
			body.put("detail", problem.getDetail());
			body.put("requestId", requestId);
			byte[] json = JsonMapper.shared().writeValueAsBytes(body);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(json));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
				.set(RequestIds.HEADER, requestId);
			return response;
		}

	}

}

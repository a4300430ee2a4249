package dev.boxoffice.hold;

import java.math.BigDecimal;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The seat limit of a hold in the API description is the configured one
 * ({@code boxoffice.holds.max-seats}), not the hard bound that binding checks
 * ({@link HoldRequest}), which only keeps absurd requests out before the limit is read.
 */
@Configuration(proxyBeanMethods = false)
class HoldApiDescription {

	@Bean
	OpenApiCustomizer holdSeatLimit(HoldProperties properties) {
		int limit = properties.maxSeats();
		return (openApi) -> {
			Schema<?> request = openApi.getComponents().getSchemas().get(HoldRequest.SCHEMA);
			Schema<?> seatIds = request.getProperties().get("seatIds");
			seatIds.setMaxItems(limit);
			seatIds.setDescription("The seats to hold, at most " + limit + ", by id (`A-1-3`).");
			Schema<?> quantity = request.getProperties().get("quantity");
			quantity.setMaximum(BigDecimal.valueOf(limit));
			quantity.setDescription("How many seats of `section` to hold, at most " + limit + ".");
			request.getProperties().get("section").setDescription("The section code, with `quantity`.");
		};
	}

}

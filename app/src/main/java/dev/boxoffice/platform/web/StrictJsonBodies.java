package dev.boxoffice.platform.web;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bodies are read as written: a number or a boolean where text goes is a malformed body,
 * as a fraction in a whole-number field is ({@code spring.jackson.deserialization}).
 * Converted, {@code {"paymentToken": 5}} would be a purchase paid with the card "5".
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonBodies {

	@Bean
	JsonMapperBuilderCustomizer textOnlyFromText() {
		return (builder) -> builder.withCoercionConfig(LogicalType.Textual,
				(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}

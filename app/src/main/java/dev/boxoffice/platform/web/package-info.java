/**
 * Web-layer pieces shared by all features: the OpenAPI description, the traffic classes
 * of requests.
 */
@NullMarked
package dev.boxoffice.platform.web;

import org.jspecify.annotations.NullMarked;

/** Web-layer settings shared by all features (OpenAPI description). */
@NullMarked
package dev.boxoffice.platform.web;

import org.jspecify.annotations.NullMarked;

/** The security filter chain: public routes, and problem-detail 401/403. */
@NullMarked
package dev.boxoffice.platform.security;

import org.jspecify.annotations.NullMarked;

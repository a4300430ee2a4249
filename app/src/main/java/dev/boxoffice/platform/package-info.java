/** What every feature stands on: errors, security, observability, start-up, Redis. */
@NullMarked
package dev.boxoffice.platform;

import org.jspecify.annotations.NullMarked;

/** Request ids, logging context and metrics shared by every request. */
@NullMarked
package dev.boxoffice.platform.observability;

import org.jspecify.annotations.NullMarked;

/** Redis client settings and the key namespace every feature writes under. */
@NullMarked
package dev.boxoffice.platform.redis;

import org.jspecify.annotations.NullMarked;

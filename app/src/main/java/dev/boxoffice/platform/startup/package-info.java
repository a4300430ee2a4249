/** Start-up checks of the backing services, with clear failures. */
@NullMarked
package dev.boxoffice.platform.startup;

import org.jspecify.annotations.NullMarked;

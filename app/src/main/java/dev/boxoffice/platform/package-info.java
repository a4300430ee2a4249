/**
 * What every feature stands on: errors, security, observability, start-up, Redis. An open
 * module: any feature may use any of it, sub-packages included.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.boxoffice.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

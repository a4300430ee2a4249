/**
 * How the service talks to PostgreSQL over R2DBC: limits every session carries.
 */
@NullMarked
package dev.boxoffice.platform.database;

import org.jspecify.annotations.NullMarked;

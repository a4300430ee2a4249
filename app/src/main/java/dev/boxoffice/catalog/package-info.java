/**
 * Venues with their seat layouts, events, and search.
 * {@link dev.boxoffice.catalog.EventCatalog} is its public face.
 */
@NullMarked
package dev.boxoffice.catalog;

import org.jspecify.annotations.NullMarked;

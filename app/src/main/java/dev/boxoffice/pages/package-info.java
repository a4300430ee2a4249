/**
 * The pages of people who are not buying a seat at that moment: signing in or up, and the
 * organizer's dashboard. Plain HTML, CSS and JavaScript under {@code static/}, no build
 * step; they use only the public HTTP API.
 */
@NullMarked
package dev.boxoffice.pages;

import org.jspecify.annotations.NullMarked;

/** Boxoffice service root; features live in sub-packages. */
@NullMarked
package dev.boxoffice;

import org.jspecify.annotations.NullMarked;

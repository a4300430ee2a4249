/**
 * Accounts, passwords, access and refresh tokens, roles. Other features learn who is
 * calling through {@link dev.boxoffice.platform.security.CurrentUser}.
 */
@NullMarked
package dev.boxoffice.identity;

import org.jspecify.annotations.NullMarked;

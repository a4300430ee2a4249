package dev.boxoffice.catalog;

import reactor.core.publisher.Mono;

/**
 * Told of each change to an event after it is committed, so that other features can act
 * on it (tell ticket holders of a new date) without the catalog knowing them. A listener
 * that fails does not undo the change: the catalog logs the failure and goes on.
 */
public interface EventChangeListener {

	Mono<Void> changed(EventChange change);

}

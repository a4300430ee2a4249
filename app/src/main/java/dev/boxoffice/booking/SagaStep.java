package dev.boxoffice.booking;

/**
 * How far a purchase got; each is written before the next step starts. Recovery undoes
 * what came before COMMITTED and finishes what came after.
 */
enum SagaStep {

	/** The order exists; payment may or may not have been asked for. */
	CREATED,
	/** The payment is authorized (money reserved). */
	AUTHORIZED,
	/** The seats are SOLD and the tickets issued, in one transaction. */
	COMMITTED,
	/**
	 * The payment is captured. Earlier versions recorded this step; the saga now records
	 * the capture in the statement that confirms the order (COMMITTED → DONE). Recovery
	 * still finishes orders found here.
	 */
	CAPTURED,
	/** Nothing left to do. */
	DONE

}

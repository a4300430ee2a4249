package dev.boxoffice.booking;

/**
 * How far a purchase got; each is written before the next step starts. Recovery undoes
 * what came before COMMITTED and finishes what came after.
 */
enum SagaStep {

	/**
	 * The order exists; payment may or may not have been asked for, or authorized: the
	 * authorization is recorded by the statement that commits the sale.
	 */
	CREATED,
	/**
	 * The payment is authorized (money reserved). Earlier versions recorded this step;
	 * the saga now passes it only as a checkpoint, and the sale moves the order from
	 * CREATED to COMMITTED. Recovery still undoes orders found here.
	 */
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

-- Recovery looks for Idempotency-Keys a request left IN_FLIGHT (it died, or its outcome
-- could not be kept): few at any time, among a day of keys.
CREATE INDEX idempotency_keys_in_flight_idx ON idempotency_keys (created_at) WHERE status = 'IN_FLIGHT';

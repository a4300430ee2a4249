-- Marks a hold as warned of its coming expiry, once, and only while it exists and is not
-- being bought: one step, so that a hold ending meanwhile is never written to (a write
-- would recreate its record without a TTL).
-- KEYS[1] hold record
-- Returns {buyer id, expires at ms} if this call marked it, or an empty list.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'claimedBy') == 1 then
  return {}
end
if redis.call('HSETNX', KEYS[1], 'warned', '1') == 0 then
  return {}
end
return redis.call('HMGET', KEYS[1], 'buyer', 'expiresAt')

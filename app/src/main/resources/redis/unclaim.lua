-- Gives a claimed hold back to its buyer, as it was before the claim: a purchase that
-- claimed it failed before it wrote its order, so nothing else will ever release it.
-- The seats, the record and the bound entries expire when the hold would have.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] buyer's holds   KEYS[4] address's holds
-- KEYS[5] holds of places   KEYS[6..] seat keys
-- ARGV[1] hold id   ARGV[2] order id   ARGV[3] the hold's places ('' for none)
-- ARGV[4..] seat ids (in the order of KEYS[6..])
-- Returns 1 if the claim was undone, 0 if the hold was not claimed by that order.
local hold, order, units = ARGV[1], ARGV[2], ARGV[3]
local tickets = unitsOf(units)
if redis.call('HGET', KEYS[2], 'claimedBy') ~= order then
  return 0
end
local expires = tonumber(redis.call('HGET', KEYS[2], 'expiresAt'))
for i = 6, #KEYS do
  if redis.call('GET', KEYS[i]) == hold then
    redis.call('PEXPIREAT', KEYS[i], expires)
    redis.call('ZADD', KEYS[1], 'XX', expires, ARGV[i - 2])
  end
end
if units ~= '' then
  redis.call('ZADD', KEYS[5], 'XX', expires, hold .. '|' .. units)
end
local entry = hold .. '|' .. (#KEYS - 5 + tickets)
for i = 3, 4 do
  redis.call('ZADD', KEYS[i], 'XX', expires, entry)
end
redis.call('HDEL', KEYS[2], 'claimedBy')
redis.call('PEXPIREAT', KEYS[2], expires)
return 1

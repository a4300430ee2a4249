-- Ends a hold: its seats that it still owns become AVAILABLE again, and it no longer
-- counts under its buyer's and address's bounds. A hold claimed by a purchase is
-- released only by that purchase's order, and an order releases only a hold it claimed.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] change feed
-- KEYS[4] buyer's holds   KEYS[5] address's holds   KEYS[6..] seat keys
-- ARGV[1] hold id   ARGV[2] feed length   ARGV[3] releasing order id ('' for the buyer)
-- ARGV[4..] seat ids (in the order of KEYS[6..])
-- Returns the number of seats released, or -1 if the hold is not the releaser's to end.
local hold, feedLength, order = ARGV[1], ARGV[2], ARGV[3]
local claimedBy = redis.call('HGET', KEYS[2], 'claimedBy') or ''
if claimedBy ~= order then
  return -1
end
local released = 0
for i = 6, #KEYS do
  local seat = ARGV[i - 2]
  if redis.call('GET', KEYS[i]) == hold then
    redis.call('DEL', KEYS[i])
    redis.call('ZREM', KEYS[1], seat)
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
    released = released + 1
  end
end
local entry = hold .. '|' .. (#KEYS - 5)
redis.call('ZREM', KEYS[4], entry)
redis.call('ZREM', KEYS[5], entry)
redis.call('DEL', KEYS[2])
return released

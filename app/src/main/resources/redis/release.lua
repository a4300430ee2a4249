-- Ends a hold: its seats that it still owns become AVAILABLE again. A hold claimed by a
-- purchase is released only by that purchase's order.
-- KEYS[1] held set   KEYS[2] hold record   KEYS[3] change feed   KEYS[4..] seat keys
-- ARGV[1] hold id   ARGV[2] feed length   ARGV[3] releasing order id ('' for the buyer)
-- ARGV[4..] seat ids (in the order of KEYS[4..])
-- Returns the number of seats released, or -1 if a purchase has the hold.
local hold, feedLength, order = ARGV[1], ARGV[2], ARGV[3]
local claimedBy = redis.call('HGET', KEYS[2], 'claimedBy')
if claimedBy and claimedBy ~= order then
  return -1
end
local released = 0
for i = 4, #KEYS do
  local seat = ARGV[i]
  if redis.call('GET', KEYS[i]) == hold then
    redis.call('DEL', KEYS[i])
    redis.call('ZREM', KEYS[1], seat)
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
    released = released + 1
  end
end
redis.call('DEL', KEYS[2])
return released

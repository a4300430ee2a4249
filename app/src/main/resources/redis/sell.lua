-- Seats were sold (committed in PostgreSQL): mark them sold, so no hold can take them,
-- drop every hold on them, whoever owns it, and announce SOLD.
-- KEYS[1] held set   KEYS[2] hold record of the buyer   KEYS[3] change feed
-- KEYS[4] sold seats   KEYS[5..] seat keys
-- ARGV[1] feed length   ARGV[2..] seat ids (in the order of KEYS[5..])
local feedLength = ARGV[1]
-- The sold set and the feed outlive the event by a while, then go (see hold.lua).
local retainUntil = redis.call('HGET', KEYS[2], 'retainUntil')
for i = 5, #KEYS do
  local seat = ARGV[i - 3]
  redis.call('SADD', KEYS[4], seat)
  redis.call('DEL', KEYS[i])
  redis.call('ZREM', KEYS[1], seat)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'SOLD')
end
redis.call('DEL', KEYS[2])
if retainUntil then
  redis.call('PEXPIREAT', KEYS[4], retainUntil)
  redis.call('PEXPIREAT', KEYS[3], retainUntil)
end
return #KEYS - 4

-- Seats were sold (committed in PostgreSQL): mark them sold, so no hold can take them,
-- drop every hold on them, whoever owns it, end the buyer's hold (and its entries under
-- the buyer's and address's bounds), and announce SOLD. Safe to run again.
-- KEYS[1] held set   KEYS[2] hold record of the buyer   KEYS[3] change feed
-- KEYS[4] sold seats   KEYS[5] buyer's holds   KEYS[6] address's holds
-- KEYS[7] the event's sales statistics   KEYS[8..] seat keys
-- ARGV[1] feed length   ARGV[2] retain until (epoch ms: the sold set and the feed live
-- until a while after the event)   ARGV[3] hold id   ARGV[4..] seat ids (in the order of KEYS[8..])
-- The hold is counted bought in the statistics once: by the call that ends its record.
local feedLength, retainUntil, hold = ARGV[1], ARGV[2], ARGV[3]
for i = 8, #KEYS do
  local seat = ARGV[i - 4]
  redis.call('SADD', KEYS[4], seat)
  redis.call('DEL', KEYS[i])
  redis.call('ZREM', KEYS[1], seat)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'SOLD')
end
local entry = hold .. '|' .. (#KEYS - 7)
redis.call('ZREM', KEYS[5], entry)
redis.call('ZREM', KEYS[6], entry)
if redis.call('DEL', KEYS[2]) == 1 then
  local clock = redis.call('TIME')
  redis.call('HINCRBY', KEYS[7], math.floor(tonumber(clock[1]) / 60) .. '|bought', 1)
  redis.call('HINCRBY', KEYS[7], 'all|bought', 1)
  redis.call('PEXPIREAT', KEYS[7], retainUntil)
end
-- Also when Redis lost the hold (restarted empty): these keys never live without a TTL.
redis.call('PEXPIREAT', KEYS[4], retainUntil)
redis.call('PEXPIREAT', KEYS[3], retainUntil)
return #KEYS - 7

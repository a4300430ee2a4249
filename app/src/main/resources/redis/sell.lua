-- Seats were sold (committed in PostgreSQL): mark them sold, so no hold can take them,
-- drop every hold on them, whoever owns it, end the buyer's hold (and its entries under
-- the buyer's and address's bounds), and announce SOLD. The sale's places move from held
-- to sold in their allotments, each once: held only if the hold's entry was still there
-- (the sweep frees it otherwise), sold only if the sale was not counted already. Safe to
-- run again.
-- KEYS[1] held set   KEYS[2] hold record of the buyer   KEYS[3] change feed
-- KEYS[4] sold seats   KEYS[5] buyer's holds   KEYS[6] address's holds
-- KEYS[7] the event's sales statistics   KEYS[8] counted allotments   KEYS[9] holds of
-- places   KEYS[10] sales of places   KEYS[11..] seat keys
-- ARGV[1] feed length   ARGV[2] retain until (epoch ms: the sold set and the feed live
-- until a while after the event)   ARGV[3] hold id   ARGV[4] the sale's places ('' for
-- none)   ARGV[5..] seat ids (in the order of KEYS[11..])
-- The hold is counted bought in the statistics once: by the call that ends its record.
local feedLength, retainUntil, hold, units = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local tickets, counts = unitsOf(units)
for i = 11, #KEYS do
  local seat = ARGV[i - 6]
  redis.call('SADD', KEYS[4], seat)
  redis.call('DEL', KEYS[i])
  redis.call('ZREM', KEYS[1], seat)
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'SOLD')
end
if units ~= '' then
  local sale = hold .. '|' .. units
  if redis.call('ZREM', KEYS[9], sale) == 1 then
    countUnits(KEYS[8], counts, 'held', -1)
  end
  if redis.call('SADD', KEYS[10], sale) == 1 then
    countUnits(KEYS[8], counts, 'sold', 1)
  end
  announceUnits(KEYS[8], KEYS[3], feedLength, counts)
  redis.call('PEXPIREAT', KEYS[10], retainUntil)
  redis.call('PEXPIREAT', KEYS[8], retainUntil)
end
local entry = hold .. '|' .. (#KEYS - 10 + tickets)
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
return #KEYS - 10 + tickets

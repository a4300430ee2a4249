-- Sold seats came back (an order was cancelled, or a sale undone): no longer in the sold
-- set, and, unless a new hold took one meanwhile (its HELD is already on the feed), freed:
-- kept for the event's line while it is open (announced HELD; see release.lua), else
-- announced AVAILABLE. Safe to run again.
-- KEYS[1] change feed   KEYS[2] sold seats   KEYS[3] held set   KEYS[4] line flag
-- KEYS[5] kept set   KEYS[6..] seat keys
-- ARGV[1] feed length   ARGV[2] retain until (epoch ms)   ARGV[3] ms a kept seat stays kept
-- ARGV[4] ms the kept set lives   ARGV[5..] seat ids (in the order of KEYS[6..])
-- Returns the number of seats freed (kept or announced AVAILABLE).
local feedLength, retainUntil = ARGV[1], ARGV[2]
local keepFor, keptLife = tonumber(ARGV[3]), tonumber(ARGV[4])
local line = redis.call('EXISTS', KEYS[4]) == 1
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local freed = 0
for i = 6, #KEYS do
  local seat = ARGV[i - 1]
  redis.call('SREM', KEYS[2], seat)
  if redis.call('EXISTS', KEYS[i]) == 0 then
    if line then
      redis.call('SET', KEYS[i], 'line', 'PX', keepFor)
      redis.call('ZADD', KEYS[3], now + keepFor, seat)
      redis.call('ZADD', KEYS[5], 'NX', now, seat)
      redis.call('PEXPIRE', KEYS[5], keptLife)
      redis.call('XADD', KEYS[1], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'HELD')
    else
      redis.call('XADD', KEYS[1], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
    end
    freed = freed + 1
  end
end
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIREAT', KEYS[1], retainUntil)
end
return freed

-- Seats whose hold has expired (their key is gone, their time has passed) are freed, once:
-- of several sweepers, only the one that finds the seat due acts on it. A seat held again
-- meanwhile has a new time and is left alone. While the event's line is open, a freed
-- seat is kept for the line (it stays HELD; see release.lua); otherwise it becomes
-- AVAILABLE, announced once. A kept seat whose keeping ran out (no waitlist renewed it)
-- is kept again while the line is open, and otherwise goes back to sale.
-- KEYS[1] held set   KEYS[2] change feed   KEYS[3] line flag   KEYS[4] kept set
-- KEYS[5] the event's sales statistics   KEYS[6..] seat keys
-- ARGV[1] feed length   ARGV[2] lifetime (ms) for a feed found without one
-- ARGV[3] ms a kept seat stays kept   ARGV[4] ms the kept set lives
-- ARGV[5..] seat ids (in the order of KEYS[6..])
-- Returns the number of seats freed from holds (a kept seat is counted when it was freed).
local feedLength = ARGV[1]
local keepFor, keptLife = tonumber(ARGV[3]), tonumber(ARGV[4])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local line = redis.call('EXISTS', KEYS[3]) == 1
local freed, announced = 0, 0
for i = 6, #KEYS do
  local seat = ARGV[i - 1]
  local expires = redis.call('ZSCORE', KEYS[1], seat)
  if expires and tonumber(expires) <= now and redis.call('EXISTS', KEYS[i]) == 0 then
    local wasKept = redis.call('ZSCORE', KEYS[4], seat) ~= false
    if line then
      redis.call('SET', KEYS[i], 'line', 'PX', keepFor)
      redis.call('ZADD', KEYS[1], now + keepFor, seat)
      redis.call('ZADD', KEYS[4], 'NX', now, seat)
      redis.call('PEXPIRE', KEYS[4], keptLife)
    elseif redis.call('ZREM', KEYS[1], seat) == 1 then
      redis.call('ZREM', KEYS[4], seat)
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', feedLength, '*', 'seat', seat, 'status', 'AVAILABLE')
      announced = announced + 1
    end
    if not wasKept then
      freed = freed + 1
    end
  end
end
if freed > 0 then
  redis.call('HINCRBY', KEYS[5], math.floor(now / 60000) .. '|expired', freed)
  redis.call('HINCRBY', KEYS[5], 'all|expired', freed)
  if redis.call('PTTL', KEYS[5]) == -1 then
    redis.call('PEXPIRE', KEYS[5], ARGV[2])
  end
end
-- Holds give the feed the event's lifetime; this only covers a feed deleted on its own.
if announced > 0 and redis.call('PTTL', KEYS[2]) == -1 then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return freed
